namespace SatDaemon.Scheduling;

/// <summary>Rejects machines marked unavailable (unreachable, draining, switched off in config).</summary>
public sealed class AvailabilityFilter : IMachineFilter
{
    public string Category => ReasonCategory.Unavailable;

    public bool JudgesNeedOnly => true;

    public bool Rejects(JobCandidate job, MachineState machine) => !machine.Available;

    public string? Reject(JobCandidate job, MachineState machine)
    {
        if (machine.Available)
        {
            return null;
        }

        return machine.UnavailableReason is { Length: > 0 } why
            ? $"{machine.Name}: unavailable ({why})"
            : $"{machine.Name}: unavailable";
    }
}
