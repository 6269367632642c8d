namespace SatDaemon.Scheduling;

/// <summary>One feasibility check: can this job run on this machine right now?</summary>
/// <remarks>
/// Filters answer yes/no and nothing else; choosing among the machines that pass is the scorer's job.
/// They must be pure and cheap: the planner calls them jobs × machines times per pass. It asks
/// <see cref="Rejects"/> while planning and <see cref="Reject"/> only for the reasons someone reads.
/// </remarks>
public interface IMachineFilter
{
    /// <summary>The <see cref="ReasonCategory"/> this filter's rejections are counted under.</summary>
    string Category { get; }

    /// <summary>Null when the job may run on <paramref name="machine"/>; otherwise why not, naming the machine and the numbers.</summary>
    string? Reject(JobCandidate job, MachineState machine);

    /// <summary>Whether <see cref="Reject"/> would say no, without writing why (the planner's inner loop).</summary>
    bool Rejects(JobCandidate job, MachineState machine) => Reject(job, machine) is not null;

    /// <summary>
    /// True when the answer depends only on the machine and the job's <see cref="JobCandidate.Need"/> and features: the
    /// planner may then reuse one job's answers for the next job alike in them on every machine that has not changed since.
    /// </summary>
    bool JudgesNeedOnly => false;
}
