namespace SatDaemon.Scheduling;

/// <summary>A job left waiting this pass, with a reason that names machines and numbers.</summary>
/// <remarks>
/// The reason text is written on first read, not by the planner: a pass leaves ~10^4 jobs waiting and the daemon shows
/// five of them (explain shows all). It is written from the budgets as they were when the job was considered, so it
/// reads the same whenever it is asked for.
/// </remarks>
public sealed class Rejection
{
    private readonly PlanHistory? _history;
    private readonly WaitCause _cause;
    private string? _reason;

    /// <summary>A waiting job with its reason already written.</summary>
    public Rejection(JobCandidate job, string reason, IReadOnlyList<string> categories)
    {
        Job = job;
        _reason = reason;
        Categories = categories;
    }

    internal Rejection(JobCandidate job, PlanHistory history, WaitCause cause, IReadOnlyList<string> categories)
    {
        Job = job;
        _history = history;
        _cause = cause;
        Categories = categories;
    }

    public JobCandidate Job { get; }

    /// <summary>Why it waits, e.g. "no machine fits: proc01: memory 4 of 16 GB free, needs 8".</summary>
    // Two threads reading it at once both write the same text; either copy may stay.
    public string Reason => _reason ??= _history!.Describe(Job, _cause);

    /// <summary>The <see cref="ReasonCategory"/> names that held it back (one per kind of "no"; a job short of memory on
    /// one machine and of cpus on another has both), as squeue's REASON column shows them.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>No configured machine can ever hold it (too big for all, or fitting only drained ones): not ordinary queueing.</summary>
    public bool CanNeverRun => ReasonCategory.CanNeverRun(Categories);
}
