namespace SatDaemon.Scheduling;

/// <summary>
/// Rejects machines that lack a feature the job type requires ([JOB:type] requires = internet): a download placed on a
/// machine without internet would only fail. First in the chain: the answer never changes while the config stands, and
/// "lacks internet" is the most useful thing to say about such a machine, whatever its budget.
/// </summary>
public sealed class FeatureFilter : IMachineFilter
{
    public string Category => ReasonCategory.Feature;

    // The planner keys its cache by need and required set together, so this judges nothing else.
    public bool JudgesNeedOnly => true;

    public bool Rejects(JobCandidate job, MachineState machine) => !job.Needs.AllIn(machine.Offers);

    public string? Reject(JobCandidate job, MachineState machine) =>
        Rejects(job, machine) ? $"{machine.Name}: lacks {string.Join(", ", job.Needs.MissingFrom(machine.Offers))}" : null;
}
