using SatDaemon.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Ingest;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Ingest;

namespace SatDaemon.Tests.Frames;

public sealed class FrameManagerTests
{
    private const string Frame = "064A_ALL_IW2";
    private const string FirstFive = "064A_FIRST_FIVE";
    private static readonly string[] Bursts64 = ["64_5470_IW2", "64_5497_IW2", "64_5525_IW2", "64_5552_IW2", "64_5580_IW2", "64_5608_IW2", "64_5635_IW2", "64_5663_IW2", "64_5690_IW2"];

    private static DateOnly D(int cycle) => IngestDataDir.Date64(cycle);

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Update_procdates_picks_the_minimal_baseline_master_and_leaves_out_a_partial_date(TestProvider provider)
    {
        // Six dates 12 days apart; cycle 2 covers only the first five bursts.
        await using var db = await SetUpAsync(provider, [0, 1, 2, 3, 4, 5], partial: 2);
        var frames = new FrameManager(db.Factory);

        var r = await frames.UpdateProcDatesAsync(Frame);

        // Usable days 0,12,36,48,60: Σ|d−36| = 96 is least (see MasterChoiceTests).
        Assert.Equal((D(3), true), (r.Master, r.MasterAdded));
        Assert.Equal([D(0), D(1), D(3), D(4), D(5)], r.UsableDates);
        Assert.Equal([D(0), D(1), D(4), D(5)], r.IfgAdded);
        Assert.Equal(3 + 3 + 2 + 1 + 0, r.RsarIfgAdded.Count);
        await using var ctx = db.Factory.Create();
        Assert.Equal(D(3), (await ctx.Frames.SingleAsync(f => f.Id == Frame)).MasterDate);
        Assert.Equal([D(3)], await ctx.Master.Where(m => m.FrameId == Frame).Select(m => m.Date).ToListAsync());
        Assert.Equal([D(0), D(1), D(4), D(5)], await ctx.Ifg.Where(i => i.FrameId == Frame).OrderBy(i => i.Date).Select(i => i.Date).ToListAsync());
        Assert.Equal(9, await ctx.RsarIfg.CountAsync(x => x.FrameId == Frame && x.Date1 < x.Date2));
        Assert.Equal([Frame], await ctx.JobListDirtyFrames.Select(d => d.FrameId).ToListAsync());

        // The partial date covers every burst of a smaller frame.
        var small = await frames.UpdateProcDatesAsync(FirstFive);
        Assert.Equal(6, small.UsableDates.Count);
        Assert.Equal(3 + 3 + 3 + 2 + 1 + 0, small.RsarIfgAdded.Count);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Given_master_is_used_and_an_unusable_one_changes_nothing(TestProvider provider)
    {
        await using var db = await SetUpAsync(provider, [0, 1, 2], partial: 2);
        var frames = new FrameManager(db.Factory);

        var e = await Assert.ThrowsAsync<FrameException>(() => frames.UpdateProcDatesAsync(Frame, D(2)));
        Assert.Contains("5 of the frame's 9 bursts", e.Message);
        await using (var ctx = db.Factory.Create())
            Assert.Equal((0, 0, 0), (await ctx.Master.CountAsync(), await ctx.Ifg.CountAsync(), await ctx.RsarIfg.CountAsync()));

        var r = await frames.UpdateProcDatesAsync(Frame, D(1));
        Assert.Equal(D(1), r.Master);
        Assert.Equal([D(0)], r.IfgAdded);
        await Assert.ThrowsAsync<FrameException>(() => frames.UpdateProcDatesAsync(Frame, D(0)));
        await Assert.ThrowsAsync<FrameException>(() => frames.UpdateProcDatesAsync("064A_NO_SUCH"));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_new_date_adds_its_rows_once_and_reopens_a_finished_time_series(TestProvider provider)
    {
        await using var db = await SetUpAsync(provider, [0, 1, 3, 4, 5]);
        var frames = new FrameManager(db.Factory);
        await frames.UpdateProcDatesAsync(Frame);
        var again = await frames.UpdateProcDatesAsync(Frame);
        Assert.Equal((false, 0, 0), (again.MasterAdded, again.IfgAdded.Count, again.RsarIfgAdded.Count));
        await SetAsync(db, ctx => ctx.Frames.Where(f => f.Id == Frame).ExecuteUpdateAsync(s => s.SetProperty(f => f.TsStage, 2).SetProperty(f => f.TsStatus, ProcStatus.Complete)));

        new IngestDataDir(db.Temp.Path("data")).Dates64([6]);
        await new FileIngester(db.Factory).IngestAsync(db.Temp.Path("data"));
        var r = await frames.UpdateProcDatesAsync(Frame);

        Assert.Equal([D(6)], r.IfgAdded);
        Assert.Equal([(D(3), D(6)), (D(4), D(6)), (D(5), D(6))], r.RsarIfgAdded.Order());
        Assert.True(r.TimeSeriesReset);
        await using var ctx = db.Factory.Create();
        var frame = await ctx.Frames.SingleAsync(f => f.Id == Frame);
        Assert.Equal((1, ProcStatus.Waiting), (frame.TsStage, frame.TsStatus));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Noupdate_frame_keeps_its_finished_time_series(TestProvider provider)
    {
        await using var db = await SetUpAsync(provider, [0, 1]);
        var frames = new FrameManager(db.Factory);
        await frames.UpdateProcDatesAsync(Frame);
        await SetAsync(db, ctx => ctx.Frames.Where(f => f.Id == Frame).ExecuteUpdateAsync(s => s.SetProperty(f => f.NoUpdate, true).SetProperty(f => f.TsStatus, ProcStatus.Complete)));
        new IngestDataDir(db.Temp.Path("data")).Dates64([2]);
        await new FileIngester(db.Factory).IngestAsync(db.Temp.Path("data"));

        var r = await frames.UpdateProcDatesAsync(Frame);

        Assert.Equal((1, false), (r.IfgAdded.Count, r.TimeSeriesReset));
        await using var ctx = db.Factory.Create();
        Assert.Equal(ProcStatus.Complete, (await ctx.Frames.SingleAsync(f => f.Id == Frame)).TsStatus);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Set_master_without_force_lists_the_rows_and_with_force_resets_exactly_those(TestProvider provider)
    {
        await using var db = await SetUpAsync(provider, [0, 1, 3, 4, 5]);
        var frames = new FrameManager(db.Factory);
        await frames.UpdateProcDatesAsync(Frame); // master cycle 3
        await SetAsync(db, async ctx =>
        {
            await Stage(ctx.Master.Where(m => m.FrameId == Frame), 3, ProcStatus.Complete);
            await Stage(ctx.Ifg.Where(i => i.Date == D(0)), 4, ProcStatus.Complete); // coregistered and processed
            await Stage(ctx.Ifg.Where(i => i.Date == D(1)), 2, ProcStatus.Waiting);  // becomes master: its SLC work goes
            await Stage(ctx.Ifg.Where(i => i.Date == D(4)), 3, ProcStatus.Waiting);  // waits for coreg: loses nothing
            await Stage(ctx.Ifg.Where(i => i.Date == D(5)), 4, ProcStatus.Failed);   // failed after coreg
            await ctx.RsarIfg.Where(r => r.Date1 == D(0) && r.Date2 == D(1)).ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStage, 2));
        });

        var e = await Assert.ThrowsAsync<FrameException>(() => frames.SetMasterAsync(Frame, D(1), force: false));
        string[] expected =
        [
            "master 2022-11-21 at master_geo complete → master 2022-10-28 at download waiting",
            "ifg 2022-10-28 at slc waiting → removed (becomes the master)",
            "ifg 2022-10-16 at satsar complete → coreg waiting",
            "ifg 2022-12-15 at satsar failed → coreg waiting",
            "rsar_ifg 2022-10-16/2022-10-28 at unwrap waiting → coherence waiting",
        ];
        Assert.Equal(expected, e.Details);
        await using (var ctx = db.Factory.Create())
            Assert.Equal(D(3), (await ctx.Master.SingleAsync()).Date);

        var r = await frames.SetMasterAsync(Frame, D(1), force: true);

        Assert.Equal((D(3), D(1), true), (r.OldMaster, r.NewMaster, r.Changed));
        Assert.Equal(expected, r.Reset);
        await using var after = db.Factory.Create();
        var master = await after.Master.SingleAsync();
        Assert.Equal((D(1), 1, ProcStatus.Waiting), (master.Date, master.ProcStage, master.ProcStatus));
        Assert.Equal(D(1), (await after.Frames.SingleAsync(f => f.Id == Frame)).MasterDate);
        var ifgs = await after.Ifg.Where(i => i.FrameId == Frame).OrderBy(i => i.Date).Select(i => new { i.Date, i.ProcStage, i.ProcStatus }).ToListAsync();
        Assert.Equal([(D(0), 3, 0), (D(3), 1, 0), (D(4), 3, 0), (D(5), 3, 0)], ifgs.Select(i => (i.Date, i.ProcStage, i.ProcStatus)));
        Assert.All(await after.RsarIfg.ToListAsync(), x => Assert.Equal((1, ProcStatus.Waiting), (x.ProcStage, x.ProcStatus)));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Set_master_refuses_while_an_affected_row_runs_even_with_force(TestProvider provider)
    {
        await using var db = await SetUpAsync(provider, [0, 1, 3]);
        var frames = new FrameManager(db.Factory);
        await frames.UpdateProcDatesAsync(Frame); // master cycle 1
        await SetAsync(db, ctx => Stage(ctx.Ifg.Where(i => i.Date == D(0)), 3, ProcStatus.Running));

        var e = await Assert.ThrowsAsync<FrameException>(() => frames.SetMasterAsync(Frame, D(3), force: true));

        Assert.Equal(["ifg 2022-10-16 at coreg running"], e.Details);
        await using var ctx = db.Factory.Create();
        Assert.Equal(D(1), (await ctx.Master.SingleAsync()).Date);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Set_master_needs_no_force_when_nothing_was_processed(TestProvider provider)
    {
        await using var db = await SetUpAsync(provider, [0, 1, 2], partial: 2);
        var frames = new FrameManager(db.Factory);

        var first = await frames.SetMasterAsync(Frame, D(0), force: false); // no master yet
        var moved = await frames.SetMasterAsync(Frame, D(1), force: false);
        var same = await frames.SetMasterAsync(Frame, D(1), force: false);

        Assert.Equal((null, D(0)), (first.OldMaster, first.NewMaster));
        Assert.Equal((D(0), D(1), 0), (moved.OldMaster, moved.NewMaster, moved.Reset.Count));
        Assert.False(same.Changed);
        await Assert.ThrowsAsync<FrameException>(() => frames.SetMasterAsync(Frame, D(2), force: true));
        await Assert.ThrowsAsync<FrameException>(() => frames.SetMasterAsync("064A_NO_SUCH", D(1), force: true));
        await using var ctx = db.Factory.Create();
        Assert.Equal([D(0)], await ctx.Ifg.Select(i => i.Date).ToListAsync());
    }

    /// <summary>A database with track 64 dates ingested and two frames: all nine IW2 bursts, and the first five.</summary>
    [ServiceFact(Needs.Postgres)]
    public async Task Reprocess_waits_for_a_claim_in_flight_and_then_refuses_the_row_it_now_runs()
    {
        await using var db = await SetUpAsync(TestProvider.Postgres, [0, 1, 3]);
        var frames = new FrameManager(db.Factory);
        await frames.UpdateProcDatesAsync(Frame);
        await SetAsync(db, async ctx => await Stage(ctx.Ifg.Where(i => i.FrameId == Frame && i.Date == D(0)), 4, ProcStatus.Complete)); // coregistered

        // A claim in flight, as the daemon makes it: the row goes to running in a transaction not yet committed.
        await using var claim = new Npgsql.NpgsqlConnection(db.Factory.Url.ConnectionString);
        await claim.OpenAsync();
        await using var tx = await claim.BeginTransactionAsync();
        await using (var update = new Npgsql.NpgsqlCommand($"UPDATE ifg SET proc_status = {ProcStatus.Running} WHERE frame_id = @f AND date = @d", claim, tx))
        {
            update.Parameters.AddWithValue("f", Frame);
            update.Parameters.AddWithValue("d", D(0));
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        var reprocess = frames.ReprocessAsync(new ReprocessRequest(Frame, "coreg"), apply: true);
        // The reprocess is inside its transaction and blocked on the claim's row lock (PostgreSQL's own view of it).
        var blocked = await WaitFor.UntilAsync(() => LockWaits(db.Factory.Url.ConnectionString) > 0, TimeSpan.FromSeconds(30));
        await tx.CommitAsync();
        var outcome = await Record.ExceptionAsync(() => reprocess);
        await using var ctx = db.Factory.Create();
        var row = await ctx.Ifg.AsNoTracking().SingleAsync(i => i.FrameId == Frame && i.Date == D(0));

        Assert.True(blocked, "the reprocess never waited on the claim's row lock");
        var refused = Assert.IsType<FrameException>(outcome);
        Assert.Contains("cannot reprocess while these run", refused.Message);
        // The claim stands: the row is still the running job's.
        Assert.Equal((4, ProcStatus.Running), (row.ProcStage, row.ProcStatus));
    }

    /// <summary>Sessions of this database waiting on a lock now, from pg_stat_activity.</summary>
    private static int LockWaits(string connectionString)
    {
        using var c = new Npgsql.NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", c);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IngestTestDb> SetUpAsync(TestProvider provider, int[] cycles, params int[] partial)
    {
        var db = await IngestTestDb.CreateAsync(provider);
        new IngestDataDir(db.Temp.Path("data")).Dates64(cycles, partial);
        await new FileIngester(db.Factory).IngestAsync(db.Temp.Path("data"));
        var frames = new FrameManager(db.Factory);
        await frames.CreateAsync(Frame, Bursts64);
        await frames.CreateAsync(FirstFive, Bursts64[..5]);
        return db;
    }

    private static async Task SetAsync(IngestTestDb db, Func<SatDaemon.Database.SatDbContext, Task> change)
    {
        await using var ctx = db.Factory.Create();
        await change(ctx);
    }

    private static Task<int> Stage<T>(IQueryable<T> rows, int stage, int status) where T : class =>
        rows.ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<int>(r, "ProcStage"), stage).SetProperty(r => EF.Property<int>(r, "ProcStatus"), status));
}
