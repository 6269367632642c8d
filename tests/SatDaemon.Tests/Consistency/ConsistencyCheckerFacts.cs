using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Consistency;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using static SatDaemon.Tests.Consistency.ConsistencyTestBed;

namespace SatDaemon.Tests.Consistency;

/// <summary>check-db-consistency against real outputs on disk, on SQLite and PostgreSQL.</summary>
public sealed class ConsistencyCheckerFacts
{
    private const string F = "132A_CONSISTENCY_A";
    private const string G = "081D_CONSISTENCY_B";

    private static ConsistencyRow Ifg(ConsistencyReport r, DateOnly d, string frame = F) =>
        r.Rows.Single(x => x.FrameId == frame && x.Table == TargetTables.Ifg && x.Date == d);

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Outputs_beyond_the_database_advance_rows_only_with_apply_and_a_second_apply_changes_nothing(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        bed.WriteOutputs(F, TargetTables.Master, D0, null, 1, 2, 3);
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1, 2);
        await bed.ClearJobListRequestsAsync();

        var dry = await bed.CheckAsync(apply: false);
        Assert.Equal(ConsistencyAction.Advance, Ifg(dry, D1).Action);
        Assert.Equal(new RowState(3, ProcStatus.Waiting), Ifg(dry, D1).Target);
        Assert.Equal(new RowState(1, ProcStatus.Waiting), await bed.IfgAsync(F, D1));   // dry run writes nothing
        Assert.False(await bed.QueryAsync(db => db.DaemonTools.Select(d => d.RecreateJoblist).SingleAsync()));
        Assert.Empty(await bed.JobListFramesAsync());

        var applied = await bed.CheckAsync(apply: true);
        Assert.Equal(2, applied.Changed);
        Assert.Equal(new RowState(3, ProcStatus.Waiting), await bed.IfgAsync(F, D1));
        var master = await bed.QueryAsync(db => db.Master.SingleAsync(m => m.FrameId == F));
        Assert.Equal((3, ProcStatus.Complete), (master.ProcStage, master.ProcStatus));
        // The fix is the frame's alone: that frame's part of the job list is rebuilt.
        Assert.Equal([F], await bed.JobListFramesAsync());

        var again = await bed.CheckAsync(apply: true);
        Assert.Equal(0, again.Changed);
        Assert.Equal(0, again.Wanted);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_deleted_output_of_a_claimed_stage_sets_the_row_back_to_that_stage(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        await bed.SetIfgAsync(F, D1, 4, ProcStatus.Waiting);   // claims download, slc, coreg done
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1, 2, 3);
        File.Delete(bed.OutputPaths(F, TargetTables.Ifg, D1, null, 2).Single());

        var report = await bed.CheckAsync(apply: true);

        var row = Ifg(report, D1);
        Assert.Equal(ConsistencyAction.SetBack, row.Action);
        Assert.Equal([3], row.Gap);   // coreg's output is still there, beyond the missing slc
        Assert.True(row.Applied);
        Assert.Equal(new RowState(2, ProcStatus.Waiting), await bed.IfgAsync(F, D1));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_zero_byte_output_counts_as_missing(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        await bed.SetIfgAsync(F, D1, 4, ProcStatus.Waiting);
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1, 2, 3);
        await File.WriteAllBytesAsync(bed.OutputPaths(F, TargetTables.Ifg, D1, null, 3).Single(), []);

        await bed.CheckAsync(apply: true);

        Assert.Equal(new RowState(3, ProcStatus.Waiting), await bed.IfgAsync(F, D1));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_gap_is_reported_and_the_row_advances_only_through_the_contiguous_stages(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1, 3);   // coreg present, slc missing

        var report = await bed.CheckAsync(apply: true);

        var row = Ifg(report, D1);
        Assert.Equal(ConsistencyAction.Advance, row.Action);
        Assert.Equal([3], row.Gap);
        Assert.Equal(new RowState(2, ProcStatus.Waiting), await bed.IfgAsync(F, D1));   // slc due, not beyond
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Rows_with_a_running_job_are_left_alone(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        await bed.SetIfgAsync(F, D1, 2, ProcStatus.Running);
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1, 2, 3, 4);
        // D2 still reads waiting, but running_jobs has its job (launched between two reads, say).
        var d2 = await bed.QueryAsync(db => db.Ifg.SingleAsync(r => r.FrameId == F && r.Date == D2));
        await bed.QueryAsync(async db =>
        {
            db.RunningJobs.Add(new RunningJob { Id = 77, FrameId = F, JobType = "download", TargetTable = TargetTables.Ifg, TargetId = d2.Id, Stage = 1, StageName = "download", Machine = "m01", StartedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        bed.WriteOutputs(F, TargetTables.Ifg, D2, null, 1);

        var report = await bed.CheckAsync(apply: true);

        Assert.Equal(ConsistencyAction.Running, Ifg(report, D1).Action);
        Assert.Equal(ConsistencyAction.Running, Ifg(report, D2).Action);
        Assert.Equal(new RowState(2, ProcStatus.Running), await bed.IfgAsync(F, D1));
        Assert.Equal(new RowState(1, ProcStatus.Waiting), await bed.IfgAsync(F, D2));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_row_changed_after_it_was_read_is_skipped_and_reported(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1, 2);
        var dry = await bed.CheckAsync(apply: false);
        await bed.SetIfgAsync(F, D1, 1, ProcStatus.Running);   // the daemon launched download meanwhile

        var rows = await new ConsistencyApplier(bed.Factory, TimeProvider.System).ApplyAsync(F, dry.Rows.Where(r => r.FrameId == F).ToList(), CancellationToken.None);

        Assert.Equal(ConsistencyAction.ChangedMeanwhile, rows.Single(r => r.Table == TargetTables.Ifg && r.Date == D1).Action);
        Assert.Equal(new RowState(1, ProcStatus.Running), await bed.IfgAsync(F, D1));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task The_time_series_advances_from_its_outputs_and_records_its_first_date(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        bed.WriteOutputs(F, TargetTables.Master, D0, null, 1, 2, 3);
        foreach (var d in new[] { D1, D2 }) bed.WriteOutputs(F, TargetTables.Ifg, d, null, 1, 2, 3, 4);
        foreach (var (a, b) in new[] { (D0, D1), (D0, D2), (D1, D2) }) bed.WriteOutputs(F, TargetTables.RsarIfg, a, b, 1, 2);
        bed.WriteOutputs(F, TargetTables.Frames, null, null, 1);

        var report = await bed.CheckAsync(apply: true);

        Assert.Equal(7, report.Changed);   // master, 2 ifg, 3 rsar_ifg, time series
        var frame = await bed.QueryAsync(db => db.Frames.SingleAsync(f => f.Id == F));
        Assert.Equal((2, ProcStatus.Waiting), (frame.TsStage, frame.TsStatus));
        Assert.Equal(D2, frame.TsFirstDate);   // the last ifg complete once this run's ifg rows were written
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Frame_filters_the_check_and_an_unknown_frame_is_refused(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        await bed.AddFrameAsync(G);
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1);
        bed.WriteOutputs(G, TargetTables.Ifg, D1, null, 1);

        var report = await bed.CheckAsync(apply: true, frame: G);

        Assert.All(report.Rows, r => Assert.Equal(G, r.FrameId));
        Assert.Equal(new RowState(2, ProcStatus.Waiting), await bed.IfgAsync(G, D1));
        Assert.Equal(new RowState(1, ProcStatus.Waiting), await bed.IfgAsync(F, D1));
        var e = await Assert.ThrowsAsync<FrameException>(() => bed.CheckAsync(apply: false, frame: "999A_NO_SUCH"));
        Assert.Contains("unknown frame 999A_NO_SUCH", e.Message);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_missing_frame_folder_refuses_set_backs(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        await bed.SetIfgAsync(F, D1, 3, ProcStatus.Waiting);
        Directory.Delete(bed.Config.FrameDir(F), recursive: true);

        var report = await bed.CheckAsync(apply: true);

        Assert.Equal(ConsistencyAction.SetBackRefused, Ifg(report, D1).Action);
        Assert.Equal(new RowState(3, ProcStatus.Waiting), await bed.IfgAsync(F, D1));
    }
}
