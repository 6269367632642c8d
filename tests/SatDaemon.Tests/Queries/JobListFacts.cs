using Microsoft.EntityFrameworkCore;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Queries;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Queries;

/// <summary>The job list follows the stage rules of DESIGN §5, and each ctl operation shows in the next job list.</summary>
public sealed class JobListFacts
{
    private static readonly DateOnly D0 = new(2020, 1, 1);

    private static async Task<ITestDatabase> DbWithFrameAsync(TestProvider provider, string frame, int dates, ProcLevel level)
    {
        var db = await TestDatabases.CreateAsync(provider);
        var now = DateTime.UtcNow;
        await using var ctx = db.Factory.Create();
        ctx.Frames.Add(new Frame { Id = frame, Track = int.Parse(frame[..3]), OrbitDirection = frame[3..4], ProcLevel = level, MasterDate = D0, LastUpdated = now });
        ctx.Master.Add(new MasterRow { FrameId = frame, Date = D0, CreatedAt = now, UpdatedAt = now });
        for (var i = 1; i < dates; i++) ctx.Ifg.Add(new IfgRow { FrameId = frame, Date = D0.AddDays(12 * i), CreatedAt = now, UpdatedAt = now });
        for (var i = 0; i < dates - 1; i++)
            ctx.RsarIfg.Add(new RsarIfgRow { FrameId = frame, Date1 = D0.AddDays(12 * i), Date2 = D0.AddDays(12 * (i + 1)), CreatedAt = now, UpdatedAt = now });
        await ctx.SaveChangesAsync();
        return db;
    }

    private static async Task<List<PendingJob>> RebuildAsync(SatDbFactory f)
    {
        await new JobListBuilder(f).RebuildAsync(CancellationToken.None);
        await using var ctx = f.Create();
        return await ctx.PendingJobs.AsNoTracking().ToListAsync();
    }

    private static async Task SetAsync(SatDbFactory f, Func<SatDbContext, Task> change)
    {
        await using var ctx = f.Create();
        await change(ctx);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Waiting_rows_of_a_frame_that_is_on_become_pending_and_coreg_waits_for_the_master(TestProvider provider)
    {
        await using var db = await DbWithFrameAsync(provider, "010A_RULES_TEST", 4, ProcLevel.Full);
        var pending = await RebuildAsync(db.Factory);
        // master download + 3 ifg downloads; rsar coherence waits for both dates; time series for unwraps.
        Assert.Equal(4, pending.Count);
        Assert.All(pending, p => Assert.Equal("download", p.StageName));

        await SetAsync(db.Factory, c => c.Ifg.ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 3)));
        Assert.DoesNotContain(await RebuildAsync(db.Factory), p => p.StageName == "coreg"); // master not complete
        await SetAsync(db.Factory, c => c.Master.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcStage, 3).SetProperty(m => m.ProcStatus, ProcStatus.Complete)));
        Assert.Equal(3, (await RebuildAsync(db.Factory)).Count(p => p.StageName == "coreg"));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task New_rows_are_stored_with_every_column_the_stage_rules_give(TestProvider provider)
    {
        // Frame at priority 7, master (d0) complete, ifg d1 complete, ifg d2 waiting at stage 3 (coreg): pending are the
        // coreg of d2 (rank of coreg in the ifg chain) and the coherence of the pair (d0, d1). Queued at the builder's clock.
        await using var db = await DbWithFrameAsync(provider, "010A_COLS_TEST", 3, ProcLevel.Full);
        var d1 = D0.AddDays(12);
        var d2 = D0.AddDays(24);
        await SetAsync(db.Factory, async c =>
        {
            await c.Frames.ExecuteUpdateAsync(s => s.SetProperty(f => f.Priority, 7));
            await c.Master.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcStage, 3).SetProperty(m => m.ProcStatus, ProcStatus.Complete));
            await c.Ifg.Where(i => i.Date == d1).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 4).SetProperty(i => i.ProcStatus, ProcStatus.Complete));
            await c.Ifg.Where(i => i.Date == d2).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 3));
        });
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 1, 2, 3, 456, TimeSpan.Zero));
        await new JobListBuilder(db.Factory, clock).RebuildAsync(CancellationToken.None);
        List<PendingJob> rows;
        List<long> ifgD2, pairD0;
        await using (var ctx = db.Factory.Create())
        {
            rows = await ctx.PendingJobs.AsNoTracking().OrderBy(p => p.TargetTable).ToListAsync();
            ifgD2 = await ctx.Ifg.Where(i => i.Date == d2).Select(i => i.Id).ToListAsync();
            pairD0 = await ctx.RsarIfg.Where(r => r.Date1 == D0).Select(r => r.Id).ToListAsync();
        }

        var coreg = Assert.Single(rows, r => r.TargetTable == TargetTables.Ifg);
        Assert.Equal(("010A_COLS_TEST", "coreg", "coreg", 3, ifgD2.Single(), (DateOnly?)d2, (DateOnly?)null, 7),
            (coreg.FrameId, coreg.JobType, coreg.StageName, coreg.Stage, coreg.TargetId, coreg.Date, coreg.Date2, coreg.Priority));
        var coherence = Assert.Single(rows, r => r.TargetTable == TargetTables.RsarIfg);
        Assert.Equal(("coherence", 1, pairD0.Single(), (DateOnly?)D0, (DateOnly?)d1, 7),
            (coherence.StageName, coherence.Stage, coherence.TargetId, coherence.Date, coherence.Date2, coherence.Priority));
        // Ranks of the default chain (DESIGN §5 order across tables): download 1, slc 2, coreg 4, satsar 5, coherence 6.
        Assert.Equal((4, 6), (coreg.StageRank, coherence.StageRank));
        Assert.All(rows, r => Assert.Equal((new DateTime(2026, 12, 2, 1, 2, 3, 456), 0, (DateTime?)null, (string?)null),
            (DateTime.SpecifyKind(r.QueuedAt, DateTimeKind.Unspecified), r.Attempt, r.NotBefore, r.WaitReason)));
        Assert.Equal(2, rows.Count);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Coherence_needs_both_dates_complete_and_the_time_series_needs_every_pair_unwrapped(TestProvider provider)
    {
        await using var db = await DbWithFrameAsync(provider, "010A_RSAR_TEST", 3, ProcLevel.Full);
        await SetAsync(db.Factory, async c =>
        {
            await c.Master.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcStage, 3).SetProperty(m => m.ProcStatus, ProcStatus.Complete));
            // Only the first ifg date is complete: the pair (d0, d1) may run, (d1, d2) may not.
            var d1 = D0.AddDays(12);
            await c.Ifg.Where(i => i.Date == d1).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 4).SetProperty(i => i.ProcStatus, ProcStatus.Complete));
        });
        var coherence = (await RebuildAsync(db.Factory)).Where(p => p.StageName == "coherence").ToList();
        Assert.Equal(D0, Assert.Single(coherence).Date);
        Assert.DoesNotContain(await RebuildAsync(db.Factory), p => p.TargetTable == TargetTables.Frames);

        await SetAsync(db.Factory, c => c.RsarIfg.ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStage, 2).SetProperty(r => r.ProcStatus, ProcStatus.Complete)));
        Assert.Contains(await RebuildAsync(db.Factory), p => p.TargetTable == TargetTables.Frames && p.StageName == "timeseries");
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Ctl_satsar_stops_rsar_jobs_and_ctl_range_drops_dates_outside_it(TestProvider provider)
    {
        await using var db = await DbWithFrameAsync(provider, "010A_CTL_TEST", 5, ProcLevel.Full);
        await SetAsync(db.Factory, async c =>
        {
            await c.Master.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcStage, 3).SetProperty(m => m.ProcStatus, ProcStatus.Complete));
            await c.Ifg.ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 4).SetProperty(i => i.ProcStatus, ProcStatus.Complete));
        });
        Assert.Equal(4, (await RebuildAsync(db.Factory)).Count(p => p.StageName == "coherence"));

        var ctl = new SatDaemonController(db.Factory);
        await ctl.SetSatsarAsync("010A_CTL_TEST", true);
        Assert.DoesNotContain(await RebuildAsync(db.Factory), p => p.TargetTable == TargetTables.RsarIfg);

        await ctl.SetFullProcAsync("010A_CTL_TEST", true);
        await ctl.SetProcRangeAsync("010A_CTL_TEST", D0, D0.AddDays(24));
        var pairs = (await RebuildAsync(db.Factory)).Where(p => p.TargetTable == TargetTables.RsarIfg).ToList();
        // Pairs (d0,d12) and (d12,d24) lie inside; the others have a date after the range.
        Assert.Equal(2, pairs.Count);
        Assert.All(pairs, p => Assert.True(p.Date2 <= D0.AddDays(24)));

        await ctl.SetFullProcAsync("010A_CTL_TEST", false);
        Assert.Empty(await RebuildAsync(db.Factory));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Noupdate_keeps_dates_after_the_first_time_series_out_and_the_master_is_exempt_from_the_range(TestProvider provider)
    {
        await using var db = await DbWithFrameAsync(provider, "010A_NOUPD_TEST", 4, ProcLevel.Download);
        var ctl = new SatDaemonController(db.Factory);
        await ctl.SetNoUpdateAsync("010A_NOUPD_TEST", true);
        await SetAsync(db.Factory, c => c.Frames.ExecuteUpdateAsync(s => s.SetProperty(f => f.TsFirstDate, D0.AddDays(12))));
        var pending = await RebuildAsync(db.Factory);
        Assert.Equal([D0, D0.AddDays(12)], pending.Select(p => p.Date!.Value).Order().ToList());

        await ctl.SetNoUpdateAsync("010A_NOUPD_TEST", false);
        await ctl.SetProcRangeAsync("010A_NOUPD_TEST", D0.AddDays(20), null);
        pending = await RebuildAsync(db.Factory);
        Assert.Contains(pending, p => p.TargetTable == TargetTables.Master && p.Date == D0); // master date is before the range
        Assert.Equal(2, pending.Count(p => p.TargetTable == TargetTables.Ifg));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_priority_change_reaches_kept_pending_rows_and_a_rebuild_changes_nothing_else(TestProvider provider)
    {
        await using var db = await DbWithFrameAsync(provider, "010A_PRIO_TEST", 3, ProcLevel.Download);
        var first = await RebuildAsync(db.Factory);
        await new SatDaemonController(db.Factory).SetPriorityAsync("010A_PRIO_TEST", 7);
        var result = await new JobListBuilder(db.Factory).RebuildAsync(CancellationToken.None);
        Assert.Equal((0, 0, 3), (result.Added, result.Removed, result.Kept));
        await using var ctx = db.Factory.Create();
        var again = await ctx.PendingJobs.AsNoTracking().ToListAsync();
        Assert.Equal(first.Select(p => p.Id).Order(), again.Select(p => p.Id).Order());
        Assert.All(again, p => Assert.Equal(7, p.Priority));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task An_automatic_retry_ranks_as_the_job_list_ranks_its_stage(TestProvider provider)
    {
        // Dates d1 and d2 wait at coreg (the master is complete), d3 at download.
        await using var db = await DbWithFrameAsync(provider, "010A_RETRY_RANK", 4, ProcLevel.Full);
        await SetAsync(db.Factory, async c =>
        {
            await c.Master.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcStage, 3).SetProperty(m => m.ProcStatus, ProcStatus.Complete));
            await c.Ifg.Where(i => i.Date < D0.AddDays(36)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 3));
        });
        var listed = await RebuildAsync(db.Factory);
        var failing = listed.Single(p => p.StageName == "coreg" && p.Date == D0.AddDays(12));
        var otherCoreg = listed.Single(p => p.StageName == "coreg" && p.Date == D0.AddDays(24));
        var download = listed.Single(p => p.StageName == "download");
        var store = new JobStore(db.Factory);
        var job = await store.ClaimAsync(failing, "m1", 1, 1, 1, id => $"/tmp/job-{id}.log", CancellationToken.None);

        var outcome = await store.RecordFailureAsync(job!.Id, 1, "exit code 1", null, retriesAllowed: 1, CancellationToken.None);

        Assert.True(outcome.WillRetry);
        await using var ctx = db.Factory.Create();
        var retry = await ctx.PendingJobs.AsNoTracking().SingleAsync(p => p.TargetId == failing.TargetId && p.TargetTable == TargetTables.Ifg);
        // DESIGN §3: a retry keeps its priority; §5: within a priority, later stages first. So it sorts with
        // the other coreg job, ahead of the download, as the job list ranks them.
        Assert.Equal(otherCoreg.StageRank, retry.StageRank);
        Assert.True(retry.StageRank > download.StageRank, $"retry rank {retry.StageRank}, download rank {download.StageRank}");
    }
}
