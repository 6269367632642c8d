using SatDaemon.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SatDaemon.Control;
using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tools.Commands;

namespace SatDaemon.Tests.Control;

/// <summary>ctl status: daemon liveness, running jobs, pending counts, machine usage against budgets, recent failures.</summary>
public abstract class StatusFacts(ControlTestDb db) : IAsyncLifetime
{
    private const string One = "132A_STATUS_ONE";
    private const string Two = "081D_STATUS_TWO";
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    private static readonly MachineOptions[] Machines =
    [
        new() { Name = "proc01", Host = "proc01", Cpus = 32, Memory = 256, Disk = 100 },
        new() { Name = "proc02", Host = "proc02", Cpus = 16, Memory = 64, Disk = 100 },
    ];

    private SatDaemonController Controller => new(db.Factory, new FakeTimeProvider(Now));

    public async Task InitializeAsync()
    {
        await db.ResetAsync();
        await db.AddFrameAsync(One);
        await db.AddFrameAsync(Two);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Daemon_with_a_heartbeat_within_two_polls_looks_alive()
    {
        await HeartbeatAsync(Now.AddSeconds(-50)); // 50 s < 2 × 30 s (issue 20: "~2 poll intervals")

        var s = await Controller.GetStatusAsync(Machines, Poll);

        Assert.True(s.LooksAlive);
        Assert.Equal("running", s.State);
        Assert.Equal(("proc00", 4242), (s.DaemonHost, s.DaemonPid));
        Assert.Equal(Now.AddSeconds(-50), s.Heartbeat);
    }

    [ProviderFact]
    public async Task Daemon_whose_heartbeat_is_two_polls_old_looks_dead()
    {
        await HeartbeatAsync(Now.AddSeconds(-60)); // 60 s = 2 × 30 s

        var s = await Controller.GetStatusAsync(Machines, Poll);

        Assert.False(s.LooksAlive);
        Assert.Equal("stale", s.State);
    }

    [ProviderFact]
    public async Task Daemon_that_cleared_its_pid_is_stopped_at_its_last_heartbeat_even_when_fresh()
    {
        await db.ReadAsync(d => d.DaemonTools.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Heartbeat, Now.AddSeconds(-5)).SetProperty(t => t.DaemonHost, "proc00").SetProperty(t => t.DaemonPid, (int?)null)));

        var s = await Controller.GetStatusAsync(Machines, Poll);

        Assert.False(s.LooksAlive);
        Assert.True(s.Stopped);
        Assert.Equal("stopped", s.State);
        Assert.Equal(Now.AddSeconds(-5), s.Heartbeat);
    }

    [ProviderFact]
    public async Task Daemon_never_seen_looks_dead()
    {
        var s = await Controller.GetStatusAsync(Machines, Poll);

        Assert.False(s.LooksAlive);
        Assert.Null(s.Heartbeat);
        Assert.False(s.PowerDown);
    }

    [ProviderFact]
    public async Task Status_reports_running_jobs_with_progress_and_message()
    {
        await db.AddAsync(Running(7, One, "coreg", "proc01", 4, 16, 30));
        // Through the job's own report path (job progress 50), so the seed is the value a real job leaves.
        Assert.True(await new JobStore(db.Factory).ReportProgressAsync(7, 50, "coregistering burst 3 of 6", CancellationToken.None));

        var job = Assert.Single((await Controller.GetStatusAsync(Machines, Poll)).Running);

        Assert.Equal((7L, One, "coreg", "coreg", "proc01"), (job.JobId, job.FrameId, job.JobType, job.StageName, job.Machine));
        Assert.Equal(new DateOnly(2020, 1, 7), job.Date);
        Assert.Equal(50, job.Progress);
        Assert.Equal("coregistering burst 3 of 6", job.Message);
        Assert.Equal(9000, job.Pid);
        Assert.Equal(Now.AddHours(-1), job.StartedAt);
    }

    [ProviderFact]
    public async Task The_status_table_shows_a_job_half_done_as_50_percent()
    {
        await db.AddAsync(Running(7, One, "coreg", "proc01", 4, 16, 30));
        await new JobStore(db.Factory).ReportProgressAsync(7, 50, "half way", CancellationToken.None);
        var text = new StringWriter();

        StatusReport.Write(await Controller.GetStatusAsync(Machines, Poll), text);

        var row = Assert.Single(text.ToString().Split('\n'), l => l.TrimStart().StartsWith("7 ", StringComparison.Ordinal));
        Assert.Contains(" 50% ", row);
    }

    [ProviderFact]
    public async Task Status_counts_pending_jobs_per_frame_and_stage()
    {
        await db.AddAsync(
            Pending(1, One, "coreg", rank: 4), Pending(2, One, "coreg", rank: 4),
            Pending(3, One, "download", rank: 1), Pending(4, Two, "download", rank: 1));

        var pending = (await Controller.GetStatusAsync(Machines, Poll)).Pending;

        // Frames in id order; within a frame, later stages (higher rank) after earlier ones. No pass has planned them.
        Assert.Equal(
            [new PendingCount(Two, "download", 1, "not planned yet"), new PendingCount(One, "download", 1, "not planned yet"),
             new PendingCount(One, "coreg", 2, "not planned yet")],
            pending);
    }

    [ProviderFact]
    public async Task Pending_jobs_of_one_stage_are_counted_per_wait_reason_and_backoff_is_told_apart()
    {
        var a = Pending(1, One, "coreg", rank: 4);
        a.WaitReason = "cpus";
        var b = Pending(2, One, "coreg", rank: 4);
        b.WaitReason = "cpus";
        var c = Pending(3, One, "coreg", rank: 4);
        c.WaitReason = "memory,unavailable";
        var d = Pending(4, One, "coreg", rank: 4);
        d.WaitReason = "cpus";
        d.NotBefore = Now.AddMinutes(5); // a retry still backing off: the planner does not see it, whatever it said before
        await db.AddAsync(a, b, c, d);

        var pending = (await Controller.GetStatusAsync(Machines, Poll)).Pending;

        Assert.Equal(
            [new PendingCount(One, "coreg", 1, "backoff"), new PendingCount(One, "coreg", 2, "cpus"), new PendingCount(One, "coreg", 1, "memory,unavailable")],
            pending);
    }

    [ProviderFact]
    public async Task Status_of_one_frame_leaves_the_other_frames_jobs_out_but_keeps_machine_usage_whole()
    {
        await db.AddAsync(Pending(1, One, "coreg", rank: 4), Pending(2, Two, "download", rank: 1));
        await db.AddAsync(Running(7, One, "coreg", "proc01", 4, 16, 30), Running(8, Two, "download", "proc01", 1, 2, 10));

        var s = await Controller.GetStatusAsync(Machines, Poll, Two);

        Assert.Equal([Two], s.Pending.Select(p => p.FrameId));
        Assert.Equal([8L], s.Running.Select(r => r.JobId));
        Assert.Equal(5, s.Machines.Single(m => m.Machine == "proc01").Cpus); // 4 + 1: both frames' jobs hold the machine
    }

    [ProviderFact]
    public async Task Machine_usage_sums_running_jobs_against_the_configured_budgets()
    {
        await db.AddAsync(
            Running(1, One, "coreg", "proc01", cpus: 4, memory: 16, disk: 30),
            Running(2, One, "satsar", "proc01", cpus: 8, memory: 32, disk: 20),
            Running(3, Two, "download", "retired", cpus: 1, memory: 2, disk: 40));

        var usage = (await Controller.GetStatusAsync(Machines, Poll)).Machines;

        Assert.Equal(
        [
            // proc01: cpus 4+8 = 12 of 32, memory 16+32 = 48 of 256 GB, disk 30+20 = 50 of 100.
            new MachineUsage("proc01", 2, 12, 32, 48, 256, 50, 100),
            new MachineUsage("proc02", 0, 0, 16, 0, 64, 0, 100),
            // Not in the config any more: shown so its held resources are not invisible, with no budget.
            new MachineUsage("retired", 1, 1, null, 2, null, 40, null),
        ], usage);
    }

    [ProviderFact]
    public async Task Recent_failures_are_the_last_twenty_newest_first()
    {
        await db.AddAsync(Enumerable.Range(1, 22).Select(i => (object)new FailedJob
        {
            JobId = i, FrameId = One, JobType = "slc", TargetTable = TargetTables.Ifg, TargetId = i,
            Error = $"failure {i}\nsecond line", ExitCode = 3, Machine = "proc02", FailedAt = Now.AddMinutes(i - 30),
        }).ToArray());

        var failures = (await Controller.GetStatusAsync(Machines, Poll)).RecentFailures;

        Assert.Equal(20, failures.Count);
        Assert.Equal(Enumerable.Range(3, 20).Reverse().Select(i => (long)i), failures.Select(f => f.JobId));
        Assert.Equal((3, "proc02", false), (failures[0].ExitCode, failures[0].Machine, failures[0].Retried));
    }

    [ProviderFact]
    public async Task Status_shows_power_down_once_requested()
    {
        await Controller.PowerDownAsync();

        var s = await Controller.GetStatusAsync(Machines, Poll);

        Assert.True(s.PowerDown);
        Assert.True(s.RecreateJoblist);
    }

    private Task HeartbeatAsync(DateTime at) => db.ReadAsync(d => d.DaemonTools.ExecuteUpdateAsync(s => s
        .SetProperty(t => t.Heartbeat, at).SetProperty(t => t.DaemonHost, "proc00").SetProperty(t => t.DaemonPid, 4242)));

    private static RunningJob Running(long id, string frame, string jobType, string machine, int cpus, double memory, int disk) => new()
    {
        Id = id, FrameId = frame, JobType = jobType, TargetTable = TargetTables.Ifg, TargetId = id, StageName = jobType,
        Date = new DateOnly(2020, 1, 7), Machine = machine, Pid = 9000, Cpus = cpus, Memory = memory, Disk = disk,
        StartedAt = Now.AddHours(-1),
    };

    private static PendingJob Pending(long targetId, string frame, string stage, int rank) => new()
    {
        FrameId = frame, JobType = stage, TargetTable = TargetTables.Ifg, TargetId = targetId,
        StageName = stage, StageRank = rank, QueuedAt = Now,
    };
}
