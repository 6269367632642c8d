namespace SatDaemon.Scheduling;

/// <summary>One feasibility check: can this job run on this machine right now?</summary>
/// <remarks>
/// Filters answer yes/no and nothing else; choosing among the machines that pass is the scorer's job.
/// They must be pure and cheap: the planner calls them jobs × machines times per pass.
/// </remarks>
public interface IMachineFilter
{
    /// <summary>The <see cref="ReasonCategory"/> this filter's rejections are counted under.</summary>
    string Category { get; }

    /// <summary>Null when the job may run on <paramref name="machine"/>; otherwise why not, naming the machine and the numbers.</summary>
    string? Reject(JobCandidate job, MachineState machine);
}
