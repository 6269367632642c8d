using SatDaemon.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Control;
using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Control;

/// <summary>ctl retry: failed rows back to waiting, failed_jobs marked retried, nothing else touched.</summary>
public abstract class RetryFacts(ControlTestDb db) : IAsyncLifetime
{
    private const string One = "132A_RETRY_ONE";
    private const string Two = "081D_RETRY_TWO";
    private static readonly DateTime FailedAt = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

    private MasterRow _master = null!;
    private IfgRow _ifgFailed = null!, _ifgRunningAgain = null!, _otherFrameIfg = null!;
    private RsarIfgRow _rsar = null!;

    private SatDaemonController Controller => new(db.Factory);

    /// <summary>
    /// Frame One: master, an ifg (failed twice), an rsar_ifg and the time series failed; one ifg whose failure
    /// was already relaunched and now runs. Frame Two: one failed ifg.
    /// </summary>
    public async Task InitializeAsync()
    {
        await db.ResetAsync();
        await db.AddFrameAsync(One);
        await db.AddFrameAsync(Two);
        await db.ReadAsync(d => d.Frames.Where(f => f.Id == One).ExecuteUpdateAsync(s => s.SetProperty(f => f.TsStatus, ProcStatus.Failed)));
        _master = new MasterRow { FrameId = One, Date = new DateOnly(2020, 1, 1), ProcStage = 2, ProcStatus = ProcStatus.Failed };
        _ifgFailed = new IfgRow { FrameId = One, Date = new DateOnly(2020, 1, 7), ProcStage = 3, ProcStatus = ProcStatus.Failed };
        _ifgRunningAgain = new IfgRow { FrameId = One, Date = new DateOnly(2020, 1, 13), ProcStage = 2, ProcStatus = ProcStatus.Running };
        _rsar = new RsarIfgRow { FrameId = One, Date1 = new DateOnly(2020, 1, 7), Date2 = new DateOnly(2020, 1, 13), ProcStage = 2, ProcStatus = ProcStatus.Failed };
        _otherFrameIfg = new IfgRow { FrameId = Two, Date = new DateOnly(2021, 3, 3), ProcStage = 3, ProcStatus = ProcStatus.Failed };
        await db.AddAsync(_master, _ifgFailed, _ifgRunningAgain, _rsar, _otherFrameIfg);
        await db.AddAsync(
            Failure(101, One, "master_slc", TargetTables.Master, _master.Id),
            Failure(102, One, "coreg", TargetTables.Ifg, _ifgFailed.Id),
            Failure(103, One, "coreg", TargetTables.Ifg, _ifgFailed.Id),
            Failure(104, One, "slc", TargetTables.Ifg, _ifgRunningAgain.Id),
            Failure(105, One, "unwrap", TargetTables.RsarIfg, _rsar.Id),
            Failure(106, One, "timeseries", TargetTables.Frames, 0),
            Failure(201, Two, "coreg", TargetTables.Ifg, _otherFrameIfg.Id));
        await db.ResetFlagsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Retry_of_a_frame_puts_its_failed_rows_back_to_waiting_and_marks_its_failures_retried()
    {
        var reset = await Controller.RetryAsync(new RetrySelector(FrameId: One));

        // master, ifg (once, though it failed twice), rsar_ifg and the time series; the running ifg is not failed.
        Assert.Equal(4, reset);
        Assert.Equal(ProcStatus.Waiting, await StatusAsync(TargetTables.Master, _master.Id));
        Assert.Equal(ProcStatus.Waiting, await StatusAsync(TargetTables.Ifg, _ifgFailed.Id));
        Assert.Equal(ProcStatus.Waiting, await StatusAsync(TargetTables.RsarIfg, _rsar.Id));
        Assert.Equal(ProcStatus.Waiting, (await db.FrameAsync(One)).TsStatus);
        Assert.Equal(ProcStatus.Running, await StatusAsync(TargetTables.Ifg, _ifgRunningAgain.Id));
        Assert.Equal(ProcStatus.Failed, await StatusAsync(TargetTables.Ifg, _otherFrameIfg.Id));
        Assert.Equal([101L, 102, 103, 104, 105, 106], await RetriedJobIdsAsync());
        Assert.Equal([One], await db.JobListFramesAsync());
    }

    [ProviderFact]
    public async Task Retry_of_a_job_type_spans_frames_and_leaves_other_types_failed()
    {
        var reset = await Controller.RetryAsync(new RetrySelector(JobType: "coreg"));

        Assert.Equal(2, reset);
        Assert.Equal(ProcStatus.Waiting, await StatusAsync(TargetTables.Ifg, _ifgFailed.Id));
        Assert.Equal(ProcStatus.Waiting, await StatusAsync(TargetTables.Ifg, _otherFrameIfg.Id));
        Assert.Equal(ProcStatus.Failed, await StatusAsync(TargetTables.Master, _master.Id));
        Assert.Equal([102L, 103, 201], await RetriedJobIdsAsync());
    }

    [ProviderFact]
    public async Task Retry_of_one_job_id_puts_back_only_its_row()
    {
        var reset = await Controller.RetryAsync(new RetrySelector(JobId: 105));

        Assert.Equal(1, reset);
        Assert.Equal(ProcStatus.Waiting, await StatusAsync(TargetTables.RsarIfg, _rsar.Id));
        Assert.Equal(ProcStatus.Failed, await StatusAsync(TargetTables.Ifg, _ifgFailed.Id));
        Assert.Equal([105L], await RetriedJobIdsAsync());
    }

    [ProviderFact]
    public async Task A_second_retry_finds_nothing_left()
    {
        await Controller.RetryAsync(RetrySelector.All);

        Assert.Equal(0, await Controller.RetryAsync(RetrySelector.All));
    }

    private static FailedJob Failure(long jobId, string frame, string jobType, string table, long targetId) => new()
    {
        JobId = jobId, FrameId = frame, JobType = jobType, TargetTable = table, TargetId = targetId,
        Machine = "proc01", ExitCode = 1, Error = $"{jobType} failed", FailedAt = FailedAt.AddMinutes(jobId),
    };

    private Task<int> StatusAsync(string table, long id) => db.ReadAsync(d => table switch
    {
        TargetTables.Master => d.Master.Where(r => r.Id == id).Select(r => r.ProcStatus).SingleAsync(),
        TargetTables.Ifg => d.Ifg.Where(r => r.Id == id).Select(r => r.ProcStatus).SingleAsync(),
        _ => d.RsarIfg.Where(r => r.Id == id).Select(r => r.ProcStatus).SingleAsync(),
    });

    private Task<List<long>> RetriedJobIdsAsync() =>
        db.ReadAsync(d => d.FailedJobs.Where(f => f.Retried).OrderBy(f => f.JobId).Select(f => f.JobId).ToListAsync());
}
