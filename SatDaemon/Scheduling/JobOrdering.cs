namespace SatDaemon.Scheduling;

/// <summary>The order in which the planner considers jobs (DESIGN §5); best job first.</summary>
public sealed class JobOrdering : IComparer<JobCandidate>
{
    /// <summary>The comparer is stateless; one shared instance is enough.</summary>
    public static readonly JobOrdering Instance = new();

    public int Compare(JobCandidate? x, JobCandidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        // Frame priority is the operator's word: it beats everything else.
        int c = y.Priority.CompareTo(x.Priority);
        if (c != 0)
        {
            return c;
        }

        // Later stages finish work that earlier stages started; finishing first frees disk and
        // delivers results sooner than starting yet more dates.
        c = y.StageRank.CompareTo(x.StageRank);
        if (c != 0)
        {
            return c;
        }

        // Older acquisition dates first, so a time series fills in from its start.
        c = x.Date.CompareTo(y.Date);
        if (c != 0)
        {
            return c;
        }

        // Then first come, first served.
        c = x.QueuedAt.CompareTo(y.QueuedAt);
        if (c != 0)
        {
            return c;
        }

        // The pending id makes the order total, so two passes over the same input agree.
        return x.PendingId.CompareTo(y.PendingId);
    }
}
