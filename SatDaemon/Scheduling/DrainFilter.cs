namespace SatDaemon.Scheduling;

/// <summary>Rejects machines an operator drained (ctl drain): running jobs finish there, nothing new starts.</summary>
public sealed class DrainFilter : IMachineFilter
{
    public string Category => ReasonCategory.Drained;

    public bool JudgesNeedOnly => true;

    public bool Rejects(JobCandidate job, MachineState machine) => machine.Drained;

    public string? Reject(JobCandidate job, MachineState machine) =>
        machine.Drained ? $"{machine.Name}: machine drained (ctl resume {machine.Name})" : null;
}
