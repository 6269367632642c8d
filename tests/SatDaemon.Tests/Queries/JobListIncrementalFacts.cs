using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Queries;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Queries;

/// <summary>
/// The job list rebuilt per changed frame (issue 18): a change recorded by a real writer marks its frame, the daemon
/// rebuilds only that frame, and the result is what a whole rebuild gives, with the other frames' rows left as they were.
/// </summary>
public sealed class JobListIncrementalFacts(ITestOutputHelper output)
{
    private const string A = "010A_INCR_A", B = "011A_INCR_B";
    private static readonly DateOnly D0 = new(2020, 1, 1);
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_job_end_and_a_ctl_change_in_one_frame_rebuild_that_frame_as_a_whole_rebuild_would_and_leave_the_other_alone(TestProvider provider)
    {
        await using var db = await DbWithFramesAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var store = new DaemonStore(db.Factory, clock);
        await store.RebuildJobListAsync(Ct);
        var bBefore = await RowsAsync(db.Factory, B);
        clock.Advance(TimeSpan.FromHours(1));

        // The master's download of A ends well (JobStore, as job exec records it): the master moves on to master_slc.
        await EndMasterDownloadAsync(db.Factory, clock, A);
        var marked = await MarkedAsync(db.Factory);
        var flag = await FlagAsync(db.Factory);
        var afterEnd = await store.RebuildDirtyFramesAsync(Ct);
        var aAfterEnd = await RowsAsync(db.Factory, A);
        var check1 = await store.RebuildJobListAsync(Ct);
        output.WriteLine($"after the end: marked [{string.Join(", ", marked)}], flag {flag}; incremental {afterEnd?.Frames} frame(s), " +
                         $"+{afterEnd?.Added} -{afterEnd?.Removed}; whole rebuild after it +{check1.Added} -{check1.Removed} kept {check1.Kept}");
        foreach (var r in aAfterEnd) output.WriteLine($"  A: {r}");

        // ctl range on A (SatDaemonController, as ctl and the console change it): the first ifg date falls outside it.
        clock.Advance(TimeSpan.FromHours(1));
        await new SatDaemonController(db.Factory).SetProcRangeAsync(A, D0.AddDays(20), null);
        var markedCtl = await MarkedAsync(db.Factory);
        var afterCtl = await store.RebuildDirtyFramesAsync(Ct);
        var aAfterCtl = await RowsAsync(db.Factory, A);
        var check2 = await store.RebuildJobListAsync(Ct);
        var bAfter = await RowsAsync(db.Factory, B);
        output.WriteLine($"after ctl range: marked [{string.Join(", ", markedCtl)}]; incremental +{afterCtl?.Added} -{afterCtl?.Removed}; " +
                         $"whole rebuild after it +{check2.Added} -{check2.Removed}; B rows {bBefore.Count} before, {bAfter.Count} after");

        Assert.Equal([A], marked);
        Assert.False(flag, "a job's end asks for its frame, not the whole list");
        Assert.Equal(1, afterEnd!.Frames);
        // DESIGN §5: the master waits at master_slc (stage 2), the three ifg downloads still wait; nothing else of A may run.
        Assert.Equal([(TargetTables.Ifg, 1), (TargetTables.Ifg, 1), (TargetTables.Ifg, 1), (TargetTables.Master, 2)],
            aAfterEnd.Select(r => (r.Table, r.Stage)).Order().ToList());
        Assert.Contains(aAfterEnd, r => r.Table == TargetTables.Master && r.QueuedAt == T0.UtcDateTime.AddHours(1));
        Assert.Equal((0, 0), (check1.Added, check1.Removed));
        Assert.Equal([A], markedCtl);
        Assert.Equal((0, 1), (afterCtl!.Added, afterCtl.Removed));
        Assert.DoesNotContain(aAfterCtl, r => r.Date == D0.AddDays(12));
        Assert.Equal((0, 0), (check2.Added, check2.Removed));
        // B's rows are the very rows of the first rebuild: same ids, same queue times.
        Assert.Equal(bBefore, bAfter);
        Assert.Equal(4, bBefore.Count);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_change_committed_after_the_daemon_took_its_frame_marks_the_frame_again(TestProvider provider)
    {
        await using var db = await DbWithFramesAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var store = new DaemonStore(db.Factory, clock);
        await store.RebuildJobListAsync(Ct);
        await new SatDaemonController(db.Factory).SetPriorityAsync(A, 5);

        // The daemon's rebuild of A, step by step: it takes the marked frames first ...
        IReadOnlyList<string> taken;
        await using (var ctx = db.Factory.Create()) taken = await DaemonFlags.TakeDirtyFramesAsync(ctx, Ct);
        // ... a job of A ends meanwhile ...
        await EndMasterDownloadAsync(db.Factory, clock, A);
        // ... and the rebuild of what it took goes on.
        await new JobListBuilder(db.Factory, clock).RebuildAsync(Ct, only: taken);
        var markedAgain = await MarkedAsync(db.Factory);
        var next = await store.RebuildDirtyFramesAsync(Ct);
        var markedAfter = await MarkedAsync(db.Factory);
        var whole = await store.RebuildJobListAsync(Ct);
        var a = await RowsAsync(db.Factory, A);
        output.WriteLine($"taken [{string.Join(", ", taken)}]; marked again [{string.Join(", ", markedAgain)}]; next pass rebuilt {next?.Frames} frame(s); " +
                         $"marked after it [{string.Join(", ", markedAfter)}]; whole rebuild +{whole.Added} -{whole.Removed}");

        Assert.Equal([A], taken);
        Assert.Equal([A], markedAgain);
        Assert.Equal(1, next!.Frames);
        Assert.Empty(markedAfter);
        Assert.Equal((0, 0), (whole.Added, whole.Removed));
        Assert.Contains(a, r => r.Table == TargetTables.Master && r.Stage == 2 && r.Priority == 5);
    }

    // PostgreSQL runs the writer and the daemon at once (SQLite has one writer at a time, so the take comes wholly before
    // or after a writer's transaction). A mark on a frame already marked must still hold the daemon's take until the
    // writer commits: otherwise the daemon could take the mark, read the frame without the change, and lose it.
    [ServiceFact(Needs.Postgres)]
    public async Task The_daemons_take_of_a_marked_frame_waits_for_a_writer_marking_it_again_to_commit()
    {
        await using var db = await DbWithFramesAsync(TestProvider.Postgres);
        await using (var ctx = db.Factory.Create()) await DaemonFlags.RequestJobListAsync(ctx, A, Ct);
        await using var writer = db.Factory.Create();
        await using var tx = await writer.Database.BeginTransactionAsync(Ct);
        await writer.Frames.Where(f => f.Id == A).ExecuteUpdateAsync(s => s.SetProperty(f => f.Priority, 9), Ct);
        await DaemonFlags.RequestJobListAsync(writer, A, Ct);

        await using var daemon = db.Factory.Create();
        var take = DaemonFlags.TakeDirtyFramesAsync(daemon, Ct);
        await WaitFor.ConditionAsync(() => TakeWaitsOnALockAsync(db.Factory), TimeSpan.FromSeconds(30), "the daemon's take to wait on the writer's lock");
        var takenBeforeCommit = take.IsCompleted;
        await tx.CommitAsync(Ct);
        var taken = await take;
        int priority;
        await using (var ctx = db.Factory.Create()) priority = await ctx.Frames.Where(f => f.Id == A).Select(f => f.Priority).SingleAsync(Ct);
        var marked = await MarkedAsync(db.Factory);
        output.WriteLine($"taken before the commit: {takenBeforeCommit}; taken [{string.Join(", ", taken)}]; A's priority read after the take {priority}; marked after [{string.Join(", ", marked)}]");

        Assert.False(takenBeforeCommit);
        Assert.Equal([A], taken);
        Assert.Equal(9, priority);
        Assert.Empty(marked);
    }

    private static async Task<bool> TakeWaitsOnALockAsync(SatDbFactory factory)
    {
        await using var ctx = factory.Create();
        return await ctx.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'DELETE FROM joblist_dirty_frames%'")
            .SingleAsync(Ct) > 0;
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_pass_with_no_frame_marked_rebuilds_nothing(TestProvider provider)
    {
        await using var db = await DbWithFramesAsync(provider);
        var store = new DaemonStore(db.Factory, TimeProvider.System);
        await store.RebuildJobListAsync(Ct);

        var result = await store.RebuildDirtyFramesAsync(Ct);
        var control = await store.ReadControlAsync(Ct);

        Assert.Null(result);
        Assert.Equal(new DaemonControl(false, false, false), control);
    }

    private sealed record Row(long Id, string Table, long TargetId, int Stage, DateOnly? Date, int Priority, DateTime QueuedAt)
    {
        public override string ToString() => $"{Table} {TargetId} stage {Stage} {Date:yyyy-MM-dd} prio {Priority} queued {QueuedAt:O}";
    }

    /// <summary>Two frames on full, each a master (D0) and three later ifg dates, all waiting at download.</summary>
    private static async Task<ITestDatabase> DbWithFramesAsync(TestProvider provider)
    {
        var db = await TestDatabases.CreateAsync(provider);
        var now = DateTime.UtcNow;
        await using var ctx = db.Factory.Create();
        foreach (var frame in new[] { A, B })
        {
            ctx.Frames.Add(new Frame { Id = frame, Track = int.Parse(frame[..3]), OrbitDirection = "A", ProcLevel = ProcLevel.Full, MasterDate = D0, LastUpdated = now });
            ctx.Master.Add(new MasterRow { FrameId = frame, Date = D0, CreatedAt = now, UpdatedAt = now });
            for (var i = 1; i <= 3; i++) ctx.Ifg.Add(new IfgRow { FrameId = frame, Date = D0.AddDays(12 * i), CreatedAt = now, UpdatedAt = now });
        }
        await ctx.SaveChangesAsync();
        return db;
    }

    /// <summary>Claims the frame's master download and records its success, through JobStore as the daemon and job exec do.</summary>
    private static async Task EndMasterDownloadAsync(SatDbFactory factory, TimeProvider clock, string frame)
    {
        PendingJob pending;
        await using (var ctx = factory.Create())
            pending = await ctx.PendingJobs.AsNoTracking().SingleAsync(p => p.FrameId == frame && p.TargetTable == TargetTables.Master);
        var jobs = new JobStore(factory, clock);
        var job = await jobs.ClaimAsync(pending, "m1", 1, 1, 1, id => $"/tmp/job-{id}.log", Ct)
            ?? throw new InvalidOperationException("the master download could not be claimed");
        await jobs.RecordSuccessAsync(job.Id, Ct);
    }

    private static async Task<List<Row>> RowsAsync(SatDbFactory factory, string frame)
    {
        await using var ctx = factory.Create();
        var rows = await ctx.PendingJobs.AsNoTracking().Where(p => p.FrameId == frame).OrderBy(p => p.Id).ToListAsync();
        return rows.Select(p => new Row(p.Id, p.TargetTable, p.TargetId, p.Stage, p.Date, p.Priority, DateTime.SpecifyKind(p.QueuedAt, DateTimeKind.Utc))).ToList();
    }

    private static async Task<List<string>> MarkedAsync(SatDbFactory factory)
    {
        await using var ctx = factory.Create();
        return await ctx.JobListDirtyFrames.AsNoTracking().OrderBy(d => d.FrameId).Select(d => d.FrameId).ToListAsync();
    }

    private static async Task<bool> FlagAsync(SatDbFactory factory)
    {
        await using var ctx = factory.Create();
        return await ctx.DaemonTools.AsNoTracking().Where(d => d.Id == 1).Select(d => d.RecreateJoblist).SingleAsync();
    }
}
