using SatDaemon.Database.Daemon;
using SatDaemon.Control;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Web.Data;

/// <summary>The Jobs page: running, pending (first few hundred, with the total and why each waits), failed and history, filtered.</summary>
/// <param name="WaitReasons">The planner's reasons for all pending jobs (unfiltered); null when no planner is at hand.</param>
public sealed record JobsView(
    JobFilter Filter,
    IReadOnlyList<RunningJobStatus> Running,
    IReadOnlyList<PendingJobView> Pending,
    int PendingTotal,
    WaitReasons? WaitReasons,
    IReadOnlyList<FailedJobStatus> Failed,
    IReadOnlyList<JobEventView> History);
