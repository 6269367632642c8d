using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The one writer of failed_jobs, inside the caller's context (saved with its SaveChanges, in its transaction): a failure
/// recorded by <see cref="JobStore"/>, and failures marked retried by ctl retry (<see cref="FailureRetrier"/>).
/// </summary>
public static class FailedJobsTable
{
    internal static void Add(SatDbContext db, FailedJob failure) => db.FailedJobs.Add(failure);

    /// <summary>ctl retry: these failures (tracked by the caller's context) are retried; saved with its SaveChanges.</summary>
    public static void MarkRetried(IEnumerable<FailedJob> failures)
    {
        foreach (var f in failures) f.Retried = true;
    }
}
