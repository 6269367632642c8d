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

        return Key.Of(x).CompareTo(Key.Of(y));
    }

    /// <summary>
    /// A job's ordering keys copied out of it, so that sorting 10^4 jobs compares small values side by side in one array
    /// instead of following two references per comparison (the planner's sort was a quarter of a plan).
    /// </summary>
    /// <param name="Index">The job's position in the planner's input; never compared (the pending id makes the order total).</param>
    internal readonly record struct Key(int Priority, int StageRank, int Day, long QueuedTicks, long PendingId, int Index) : IComparable<Key>
    {
        public static Key Of(JobCandidate job, int index = 0) =>
            new(job.Priority, job.StageRank, job.Date.DayNumber, job.QueuedAt.UtcTicks, job.PendingId, index);

        public int CompareTo(Key other)
        {
            // Frame priority is the operator's word: it beats everything else.
            int c = other.Priority.CompareTo(Priority);
            if (c != 0)
            {
                return c;
            }

            // Later stages finish work that earlier stages started; finishing first frees disk and
            // delivers results sooner than starting yet more dates.
            c = other.StageRank.CompareTo(StageRank);
            if (c != 0)
            {
                return c;
            }

            // Older acquisition dates first, so a time series fills in from its start.
            c = Day.CompareTo(other.Day);
            if (c != 0)
            {
                return c;
            }

            // Then first come, first served (DateTimeOffset compares the UTC instant).
            c = QueuedTicks.CompareTo(other.QueuedTicks);
            if (c != 0)
            {
                return c;
            }

            // The pending id makes the order total, so two passes over the same input agree.
            return PendingId.CompareTo(other.PendingId);
        }
    }
}
