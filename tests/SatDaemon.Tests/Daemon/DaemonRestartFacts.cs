using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// What a starting daemon does with claims a dead daemon left behind, with no job exec process on the machine:
/// a claim job exec never reported on is queued again (once it is older than the launch grace) and runs once
/// under a new id; a claim job exec did report on is a lost job, recorded as failed and never relaunched.
/// </summary>
public sealed class DaemonRestartFacts
{
    private const string FrameId = "071D_RESTART_TEST";

    [Fact]
    public async Task A_claim_with_an_empty_log_that_job_exec_never_reported_on_is_queued_again_and_runs_once()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, 0.2, simulate: false);
        await bed.AddFrameAsync(FrameId, 2, ProcLevel.Download);
        var claim = await ClaimIfgAsync(bed, claimedAgo: TimeSpan.FromMinutes(2));
        // The launch shell made the log, then died with the daemon before job exec started.
        Directory.CreateDirectory(Path.GetDirectoryName(claim.LogPath)!);
        await File.WriteAllTextAsync(claim.LogPath!, "");

        var logs = new CapturingLoggerProvider();
        await using (bed.StartInProcess(logs))
            await WaitForDownloadsAsync(bed);

        await using var db = bed.Factory.Create();
        var events = await db.JobEvents.AsNoTracking().ToListAsync();
        var cancelled = Assert.Single(events, e => e.Kind == JobEventKinds.Cancelled);
        Assert.Equal(claim.Id, cancelled.JobId);
        Assert.Contains("job exec never reported", cancelled.Message);
        Assert.DoesNotContain(events, e => e.JobId == claim.Id && e.Kind is JobEventKinds.Running or JobEventKinds.Finished or JobEventKinds.Failed);
        var rerun = Assert.Single(events, e => e.Kind == JobEventKinds.Launched && e.JobId != claim.Id && e.Message!.Contains("2020-01-13"));
        Assert.Single(events, e => e.JobId == rerun.JobId && e.Kind == JobEventKinds.Running);
        Assert.Single(events, e => e.JobId == rerun.JobId && e.Kind == JobEventKinds.Finished);
        Assert.Equal(0, await db.FailedJobs.CountAsync());
        Assert.Contains(logs.Lines, l => l.EventId == 1046 && l.Text.Contains($"job {claim.Id} "));
    }

    [Fact]
    public async Task A_young_claim_without_process_or_log_waits_out_the_launch_grace_before_it_is_queued_again()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, 0.2, simulate: false);
        await bed.AddFrameAsync(FrameId, 2, ProcLevel.Download);
        var grace = TimeSpan.FromSeconds(4);
        var claim = await ClaimIfgAsync(bed, claimedAgo: TimeSpan.Zero);

        var logs = new CapturingLoggerProvider();
        await using (bed.StartInProcess(logs, launchGrace: grace))
            await WaitForDownloadsAsync(bed);

        await using var db = bed.Factory.Create();
        var cancelled = await db.JobEvents.AsNoTracking().SingleAsync(e => e.Kind == JobEventKinds.Cancelled);
        Assert.Equal(claim.Id, cancelled.JobId);
        Assert.Contains("no process, no log", cancelled.Message);
        // Its resources stayed held and it was looked at again each pass until the grace was over.
        Assert.True(cancelled.Time - claim.StartedAt >= grace, $"reverted {cancelled.Time - claim.StartedAt} after the claim");
        Assert.Contains(logs.Lines, l => l.EventId == 1048 && l.Text.Contains($"job {claim.Id} "));
        Assert.Equal(0, await db.FailedJobs.CountAsync());
    }

    [Fact]
    public async Task A_claim_job_exec_reported_on_whose_process_is_gone_is_recorded_as_lost_and_not_run_again()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, 0.2, simulate: false);
        await bed.AddFrameAsync(FrameId, 2, ProcLevel.Download);
        var claim = await ClaimIfgAsync(bed, claimedAgo: TimeSpan.FromMinutes(2));
        Assert.True(await new JobStore(bed.Factory).MarkStartedAsync(claim.Id, 999_999, CancellationToken.None));

        await using (bed.StartInProcess())
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<FailedJob>() == 1
                                                     && await bed.CountAsync<MasterRow>(q => q.Where(m => m.ProcStage == 2)) == 1,
                TimeSpan.FromMinutes(2), "the lost job recorded and the master downloaded", dump: bed.Factory);

        await using var db = bed.Factory.Create();
        var failure = await db.FailedJobs.SingleAsync();
        Assert.Equal(claim.Id, failure.JobId);
        Assert.Contains("gone from m01 without a recorded end", failure.Error);
        Assert.Equal(0, await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Cancelled));
        // Not relaunched: the ifg row stays failed at its download stage.
        var ifg = await db.Ifg.SingleAsync();
        Assert.Equal((1, ProcStatus.Failed), (ifg.ProcStage, ifg.ProcStatus));
        Assert.Equal(0, await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Launched && e.JobId != claim.Id && e.Message!.Contains("2020-01-13")));
    }

    /// <summary>Claims the ifg download on m01 as a daemon would, dated <paramref name="claimedAgo"/> back.</summary>
    private static async Task<RunningJob> ClaimIfgAsync(DaemonTestBed bed, TimeSpan claimedAgo)
    {
        await using var db = bed.Factory.Create();
        var ifg = await db.Ifg.SingleAsync(i => i.FrameId == FrameId);
        var pending = new PendingJob
        {
            FrameId = FrameId, JobType = "download", TargetTable = TargetTables.Ifg, TargetId = ifg.Id, Stage = 1,
            StageName = "download", Date = ifg.Date, QueuedAt = DateTime.UtcNow,
        };
        db.PendingJobs.Add(pending);
        await db.SaveChangesAsync();
        var store = new JobStore(bed.Factory);
        var job = await store.ClaimAsync(pending, "m01", 1, 1, 1,
            id => Path.Combine(bed.ProcDir, FrameId, "logs", $"{FrameId}_download_{ifg.Date:yyyyMMdd}_{id}.log"), CancellationToken.None)
            ?? throw new InvalidOperationException("the ifg download could not be claimed");
        var startedAt = DateTime.UtcNow - claimedAgo;
        await db.RunningJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.StartedAt, startedAt));
        job.StartedAt = startedAt;
        return job;
    }

    private static Task WaitForDownloadsAsync(DaemonTestBed bed) =>
        WaitFor.ConditionAsync(async () => await bed.CountAsync<IfgRow>(q => q.Where(i => i.ProcStage < 2)) == 0
                                           && await bed.CountAsync<MasterRow>(q => q.Where(m => m.ProcStage < 2)) == 0
                                           && await bed.CountAsync<RunningJob>() == 0,
            TimeSpan.FromMinutes(2), "both downloads done", dump: bed.Factory);
}

/// <summary>A machine where job exec cannot start at all: the job fails, once, with the reason, instead of being queued again for ever.</summary>
public sealed class DaemonNeverStartsFacts
{
    [Fact]
    public async Task A_job_whose_job_exec_never_starts_is_recorded_as_failed_after_a_few_launches_not_relaunched_for_ever()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, 0.2, simulate: false);
        // The tools binary the machine is told to run is not there: the launch shell prints a pid, nothing reports.
        bed.Config.Set("PARAMETERS", "satdaemon_tools", Path.Combine(bed.Dir, "no-such-dir", "satdaemon-tools"));
        // The launch runs job_exec when set (the test bed sets the native one): it must be missing too.
        bed.Config.Set("PARAMETERS", "job_exec", Path.Combine(bed.Dir, "no-such-dir", "satdaemon-tools"));
        bed.WriteConfig();
        await bed.AddFrameAsync("071D_NEVER_STARTS", 1, ProcLevel.Download);

        await using (bed.StartInProcess(launchGrace: TimeSpan.FromSeconds(1)))
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<FailedJob>() >= 1, TimeSpan.FromMinutes(3), "the master download recorded as failed", dump: bed.Factory);

        await using var db = bed.Factory.Create();
        var events = await db.JobEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var launched = events.Count(e => e.Kind == JobEventKinds.Launched);
        var notStarted = events.Count(e => e.Kind == JobEventKinds.Cancelled);
        var failure = await db.FailedJobs.AsNoTracking().SingleAsync();
        Console.WriteLine($"launched {launched}, not started {notStarted}, failure: {failure.Error}");
        Assert.Contains("never started", failure.Error);
        Assert.Equal(ProcStatus.Failed, (await db.Master.AsNoTracking().SingleAsync()).ProcStatus);
        Assert.Equal(0, await db.RunningJobs.CountAsync());
        Assert.DoesNotContain(events, e => e.Kind == JobEventKinds.Running);
        Assert.Equal(launched, notStarted + 1);
    }
}
