using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>The daemon on real PostgreSQL with two real sshd machines on 127.0.0.1 (4 cpus / 8 GB / 100 disk each).</summary>
[Trait("Category", "Ssh")]
public sealed class DaemonSshFacts(ITestOutputHelper output)
{
    private static Task<DaemonTestBed> SshBedAsync(double seconds = 0.4, Action<ConfigText>? more = null) =>
        DaemonTestBed.CreateAsync(TestProvider.Postgres, seconds, c =>
        {
            DaemonTestBed.SshMachinesConfig(c);
            more?.Invoke(c);
        }, simulate: false);

    [ServiceFact(Needs.Ssh)]
    public async Task Frame_goes_through_the_whole_chain_on_two_ssh_machines_within_budget()
    {
        // Commands are `sh` writing their outputs: this test is about the ssh transport and budgets, not `job simulate`.
        await using var bed = await SshBedAsync(more: c => DaemonTestBed.ShellJobs(c, 0.4));
        await bed.AddFrameAsync("071D_CHAIN_SSH", 4);
        var logs = new CapturingLoggerProvider();
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() => bed.AllCompleteAsync("071D_CHAIN_SSH"), TimeSpan.FromMinutes(10), "every row complete", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)), logs.AllText);
            Assert.Equal(0, daemon.ExitCode);
        }
        Assert.Empty(sampler.Violations);
        Assert.Equal(0, await bed.CountAsync<FailedJob>());
        await using var db = bed.Factory.Create();
        var launched = await db.JobEvents.Where(e => e.Kind == JobEventKinds.Launched).ToListAsync();
        Assert.Equal(3 + 3 * 4 + 5 * 2 + 2, launched.Count);
        Assert.Equal(2, launched.Select(e => e.Machine).Distinct().Count());
        Assert.Equal(launched.Count, launched.Select(e => e.Message).Distinct().Count()); // no target stage launched twice
    }

    [ServiceFact(Needs.Ssh)]
    public async Task Higher_priority_jobs_start_first_and_a_smaller_lower_job_backfills()
    {
        // download needs 3 of a machine's 4 cpus; slc needs 1. High has 3 downloads, Low has slc work.
        await using var bed = await SshBedAsync(seconds: 4, c =>
        {
            c.Set("JOB:download", "cpus", "3");
            c.Set("JOB:slc", "cpus", "1");
        });
        await bed.AddFrameAsync("001A_HIGH_PRIO", 3, ProcLevel.Download, priority: 10);
        await bed.AddFrameAsync("002A_LOW_PRIO", 3, ProcLevel.Satsar, priority: 1);
        await using (var db = bed.Factory.Create())
        {
            // Low's dates are downloaded already: its ifg rows wait at slc, its master is done.
            await db.Ifg.Where(i => i.FrameId == "002A_LOW_PRIO").ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 2));
            await db.Master.Where(i => i.FrameId == "002A_LOW_PRIO").ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStage, 3).SetProperty(i => i.ProcStatus, ProcStatus.Complete));
        }
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        await using (var daemon = bed.StartInProcess())
        {
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Launched)) >= 4,
                TimeSpan.FromMinutes(5), "first launches", dump: bed.Factory);
            await using var db = bed.Factory.Create();
            var first = await db.JobEvents.Where(e => e.Kind == JobEventKinds.Launched).OrderBy(e => e.Id).Take(4).ToListAsync();
            Assert.All(first.Take(2), e => Assert.Equal("001A_HIGH_PRIO", e.FrameId));
            // The third high download does not fit (1 cpu left per machine): low slc jobs backfill meanwhile.
            Assert.All(first.Skip(2), e => Assert.Equal("002A_LOW_PRIO", e.FrameId));
        }
        Assert.Empty(sampler.Violations);
    }

    [ServiceFact(Needs.Ssh)]
    public async Task A_failing_job_is_recorded_with_status_4_and_posted_to_teams()
    {
        await using var teams = new LoopbackTeamsReceiver();
        await using var bed = await SshBedAsync(more: c =>
        {
            c.Set("PARAMETERS", "teams_webhook", teams.Url);
            c.Set("JOB:master_slc", "command", "sh -c \"echo resampling failed: no orbit file; exit 3\"");
        });
        await bed.AddFrameAsync("071D_FAIL_TEST", 2, ProcLevel.Satsar);
        await using (var daemon = bed.StartInProcess())
        {
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<FailedJob>() >= 1, TimeSpan.FromMinutes(8), "a failed job", dump: bed.Factory);
            Assert.True(await teams.WaitForReceivedAsync(1, TimeSpan.FromSeconds(60)), "no Teams post");
        }
        await using var db = bed.Factory.Create();
        var failure = await db.FailedJobs.SingleAsync();
        Assert.Equal(3, failure.ExitCode);
        Assert.Contains("resampling failed: no orbit file", failure.LogTail);
        Assert.Equal("master_slc", failure.JobType);
        Assert.StartsWith("ssh", failure.Machine);
        Assert.Equal(ProcStatus.Failed, (await db.Master.SingleAsync()).ProcStatus);
        var body = teams.Requests[0].Body;
        foreach (var expected in new[] { "071D_FAIL_TEST", "master_slc", "2020-01-01", failure.Machine!, "3", "resampling failed: no orbit file" })
            Assert.Contains(expected, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("message", json.RootElement.GetProperty("type").GetString());
    }

    [ServiceFact(Needs.Ssh)]
    public async Task Power_down_cancels_pending_waits_for_running_and_exits_0()
    {
        await using var bed = await SshBedAsync(seconds: 5);
        await bed.AddFrameAsync("071D_POWER_DOWN", 6, ProcLevel.Download);
        var daemon = bed.StartProcess();
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<RunningJob>(q => q.Where(r => r.Pid != null)) >= 2,
            TimeSpan.FromMinutes(5), "running jobs", dump: bed.Factory);
        var runningAtPowerDown = await bed.CountAsync<RunningJob>();
        await bed.Controller.PowerDownAsync();
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<PendingJob>() == 0, TimeSpan.FromSeconds(30), "pending jobs cancelled", dump: bed.Factory);
        Assert.True(daemon.WaitForExit(TimeSpan.FromMinutes(2)), "daemon did not exit\n" + string.Join('\n', bed.Output));
        Assert.Equal(0, daemon.ExitCode);
        Assert.Equal(0, await bed.CountAsync<RunningJob>());
        // Every job that ran at power-down finished and was recorded; nothing new was launched after.
        var launched = await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Launched));
        var finished = await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Finished));
        Assert.Equal(launched, finished);
        Assert.True(launched >= runningAtPowerDown && launched < 6, $"launched {launched}");
        await using var db = bed.Factory.Create();
        Assert.False((await db.DaemonTools.SingleAsync()).PowerDown);
    }

    [ServiceFact(Needs.Ssh)]
    public async Task Daemon_killed_with_sigkill_is_restarted_and_adopts_running_jobs_without_launching_twice()
    {
        // Jobs long enough to outlive a restart on a loaded machine: a job that ends before the new daemon's first
        // pass is (rightly) never adopted, and the test below asks adoption of every job running at the kill.
        await using var bed = await SshBedAsync(seconds: 15);
        await bed.AddFrameAsync("071D_KILL_TEST", 3, ProcLevel.Download);
        var first = bed.StartProcess();
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<RunningJob>(q => q.Where(r => r.Pid != null)) >= 2,
            TimeSpan.FromMinutes(5), "running jobs", dump: bed.Factory);
        first.Kill(); // SIGKILL: no clean-up of any kind
        first.WaitForExit();
        await using var db0 = bed.Factory.Create();
        var runningBefore = await db0.RunningJobs.AsNoTracking().Select(r => r.Id).ToListAsync();

        var second = bed.StartProcess();
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<IfgRow>(q => q.Where(i => i.ProcStage < 2)) == 0
                                                 && await bed.CountAsync<RunningJob>() == 0,
            TimeSpan.FromMinutes(8), "all downloads done", dump: bed.Factory);
        await bed.Controller.PowerDownAsync();
        Assert.True(second.WaitForExit(TimeSpan.FromMinutes(1)));
        await using var db = bed.Factory.Create();
        var events = await db.JobEvents.AsNoTracking().ToListAsync();
        // A job claimed just before the kill whose command never reached the machine is queued again under a
        // new id ("cancelled: not started"); it must never have run. Every other claim ran exactly once.
        var notStarted = events.Where(e => e.Kind == JobEventKinds.Cancelled).Select(e => e.JobId).ToHashSet();
        Assert.DoesNotContain(events, e => notStarted.Contains(e.JobId) && e.Kind is JobEventKinds.Running or JobEventKinds.Finished);
        var ran = events.Where(e => e.Kind == JobEventKinds.Launched && !notStarted.Contains(e.JobId)).ToList();
        Assert.Equal(3, ran.Count); // master + 2 ifg downloads, each exactly once
        Assert.Equal(3, events.Count(e => e.Kind == JobEventKinds.Running));
        Assert.Equal(ran.Count, events.Count(e => e.Kind == JobEventKinds.Finished));
        // Every job running at the kill (but one queued again as never started) is handled: adopted by the new daemon,
        // or ended by its own job exec (a machine the new daemon could not reach at once lets its job finish unseen; it
        // ran once all the same, which the counts above check). A job neither was lost. Figures first, then the verdict.
        var atKill = runningBefore.Select(id => (Id: id, NeverStarted: notStarted.Contains(id),
            Adopted: events.Any(e => e.JobId == id && e.Kind == JobEventKinds.Adopted),
            Ended: events.Any(e => e.JobId == id && e.Kind == JobEventKinds.Finished))).ToList();
        foreach (var j in atKill)
            output.WriteLine($"job {j.Id} running at the kill: adopted {j.Adopted}, ended {j.Ended}, never started {j.NeverStarted}; "
                + string.Join("; ", events.Where(e => e.JobId == j.Id).Select(e => $"{e.Kind} {e.Time:HH:mm:ss.fff} {e.Message}")));
        foreach (var j in atKill.Where(j => !j.NeverStarted))
            Assert.True(j.Adopted || j.Ended, $"job {j.Id} was running at the kill and was neither adopted nor ended by itself");
        Assert.Equal(0, await db.FailedJobs.CountAsync());
    }

    [ServiceFact(Needs.Ssh)]
    public async Task A_machine_with_an_unknown_host_key_is_refused_and_the_other_keeps_working()
    {
        // known_hosts where the second machine's entry carries another host's key.
        var known = File.ReadAllLines(SshMachines.KnownHosts!);
        var other = File.ReadAllText(SshMachines.OtherHostKey!).Split(' ');
        var port2 = $"[{SshMachines.Host}]:{SshMachines.Ports[1]}";
        var path = Path.Combine(SshMachines.Scratch, $"known_hosts_wrong_{Guid.NewGuid():N}");
        File.WriteAllLines(path, known.Where(l => !l.StartsWith(port2)).Append($"{port2} {other[0]} {other[1]}"));
        try
        {
            await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, 0.3, c => DaemonTestBed.SshMachinesConfig(c), simulate: false);
            bed.Config.Set("PROC_MACHINES:ssh2", "known_hosts", path);
            bed.WriteConfig();
            await bed.AddFrameAsync("071D_HOSTKEY_TEST", 3, ProcLevel.Download);
            var logs = new CapturingLoggerProvider();
            await using (var daemon = bed.StartInProcess(logs))
            {
                await WaitFor.ConditionAsync(async () => await bed.CountAsync<IfgRow>(q => q.Where(i => i.ProcStage == 1)) == 0
                                                         && await bed.CountAsync<MasterRow>(q => q.Where(i => i.ProcStage == 1)) == 0,
                    TimeSpan.FromMinutes(8), "downloads done on the good machine", dump: bed.Factory);
            }
            Assert.Contains(logs.Lines, l => l.EventId == 1060 && l.Text.Contains("ssh2") && l.Text.Contains("CHANGED"));
            await using var db = bed.Factory.Create();
            Assert.All(await db.JobEvents.Where(e => e.Kind == JobEventKinds.Launched).ToListAsync(), e => Assert.Equal("ssh1", e.Machine));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ServiceFact(Needs.Ssh)]
    public async Task A_stopped_sshd_makes_its_machine_unavailable_and_the_other_keeps_working()
    {
        var pidFile = SshMachines.SshdPidFiles[1];
        if (!SshdRunning(pidFile)) await RestartSshdAsync(1); // left stopped by an interrupted run
        Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim())).Kill();
        try
        {
            await using var bed = await SshBedAsync();
            await bed.AddFrameAsync("071D_SSHD_DOWN", 3, ProcLevel.Download);
            var logs = new CapturingLoggerProvider();
            await using (var daemon = bed.StartInProcess(logs))
            {
                await WaitFor.ConditionAsync(async () => await bed.CountAsync<IfgRow>(q => q.Where(i => i.ProcStage == 1)) == 0,
                    TimeSpan.FromMinutes(8), "downloads done on the machine that answers", dump: bed.Factory);
            }
            Assert.Contains(logs.Lines, l => l.EventId == 1060 && l.Text.Contains("ssh2"));
            Assert.Equal(0, await bed.CountAsync<FailedJob>());
        }
        finally
        {
            await RestartSshdAsync(1);
        }
    }

    private static bool SshdRunning(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) return false;
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    internal static async Task RestartSshdAsync(int index)
    {
        var sshd = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSHD") ?? "/usr/sbin/sshd";
        using var p = Process.Start(new ProcessStartInfo(sshd, ["-f", SshMachines.SshdConfigs[index]]) { UseShellExecute = false })!;
        await p.WaitForExitAsync();
        await Task.Delay(500);
    }
}
