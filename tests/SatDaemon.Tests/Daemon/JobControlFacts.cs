using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Faults;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// ctl cancel, hold/release, drain/resume, show and log through the real satdaemon-tools commands, against a real daemon
/// that runs ledger jobs over the test sshd machines (ssh1 bash user, ssh2 dash user) on PostgreSQL. `ctl cancel` is a
/// real process (an operator's command reaching a running daemon from outside); the other ctl calls run in-process
/// (<see cref="ToolInProcess"/>: same parser, commands, messages and exit codes, without a .NET start-up each).
/// </summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class JobControlFacts(ITestOutputHelper output)
{
    /// <summary>
    /// A download sleeping 60 s with two grandchildren that ignore SIGTERM is cancelled by `ctl cancel`: none of its
    /// processes is left (census by marker, not by what the daemon records), its budget is freed, it is recorded as
    /// cancelled (no failed_jobs row, row held at proc_status 3), and it is not queued again. ctl show and ctl log read it back.
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    public async Task Cancel_stops_the_whole_session_frees_the_budget_and_records_cancelled_not_failed()
    {
        var job = LedgerJob.Create(progress: true);
        try
        {
            await using var bed = await FaultBed.CreateAsync(job, 60, "STUBBORN", c => c.Set("PARAMETERS", "kill_grace", "2s"), cpus: 1);
            const string frame = "001A_CANCELJOB";
            await FaultBed.AddFrameAsync(bed, frame, 1);
            await using var daemon = bed.StartInProcess();

            RunningJob victim = null!;
            await WaitFor.ConditionAsync(async () =>
            {
                await using var db = bed.Factory.Create();
                var r = await db.RunningJobs.AsNoTracking().Where(j => j.LastReportAt != null).OrderBy(j => j.Id).FirstOrDefaultAsync();
                if (r is null) return false;
                victim = r;
                return ProcessCensus.Take(job.Marker).Count(p => p.Args.Contains(Target(r), StringComparison.Ordinal)) >= 3;
            }, TimeSpan.FromMinutes(1), "a download running with its grandchildren", dump: bed.Factory);
            var target = Target(victim);
            var before = ProcessCensus.Take(job.Marker).Count(p => p.Args.Contains(target, StringComparison.Ordinal));

            var cancel = await ToolProcess.RunAsync("ctl", "cancel", victim.Id.ToString(), "-d", bed.ConfigPath);
            output.WriteLine(cancel.ToString());
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<RunningJob>(q => q.Where(j => j.Id == victim.Id)) == 0,
                TimeSpan.FromSeconds(40), "the cancelled job's budget freed", dump: bed.Factory);
            var left = ProcessCensus.Take(job.Marker).Where(p => p.Args.Contains(target, StringComparison.Ordinal)).ToList();
            // Two more passes: a retry, if any, would be queued or launched by now.
            await Task.Delay(TimeSpan.FromSeconds(3));

            await using var db = bed.Factory.Create();
            var failed = await db.FailedJobs.CountAsync(f => f.JobId == victim.Id);
            var events = await db.JobEvents.AsNoTracking().Where(e => e.JobId == victim.Id).OrderBy(e => e.Id).ToListAsync();
            int status = victim.TargetTable == TargetTables.Master
                ? await db.Master.Where(r => r.Id == victim.TargetId).Select(r => r.ProcStatus).SingleAsync()
                : await db.Ifg.Where(r => r.Id == victim.TargetId).Select(r => r.ProcStatus).SingleAsync();
            var again = await db.PendingJobs.CountAsync(p => p.TargetTable == victim.TargetTable && p.TargetId == victim.TargetId)
                      + await db.RunningJobs.CountAsync(p => p.TargetTable == victim.TargetTable && p.TargetId == victim.TargetId);
            var show = await ToolInProcess.RunAsync("ctl", "show", victim.Id.ToString(), "-d", bed.ConfigPath);
            var log = await ToolInProcess.RunAsync("ctl", "log", victim.Id.ToString(), "-d", bed.ConfigPath);
            var logOnDisk = await File.ReadAllTextAsync(victim.LogPath!);
            output.WriteLine($"job {victim.Id} {target} on {victim.Machine}: processes before {before}, left {left.Count}; failed_jobs {failed}; "
                + $"row status {status}; queued or running again {again}; events: {string.Join(" | ", events.Select(e => e.Kind + ": " + e.Message))}");
            output.WriteLine(show.ToString());
            output.WriteLine($"log: {log.Stdout.Length} chars printed, {logOnDisk.Length} on disk; exit {log.ExitCode}");

            Assert.Equal(0, cancel.ExitCode);
            Assert.Empty(left);
            Assert.Equal(0, failed);
            Assert.Equal(ProcStatus.Held, status);
            Assert.Equal(0, again);
            Assert.Contains(events, e => e.Kind == JobEventKinds.Cancelled && e.Message!.Contains("cancelled by " + Environment.UserName));
            Assert.Equal(0, show.ExitCode);
            Assert.Contains("JobState=CANCELLED", show.Stdout);
            Assert.Contains($"Frame={frame}", show.Stdout);
            Assert.Contains($"Machine={victim.Machine}", show.Stdout);
            Assert.Equal(0, log.ExitCode);
            Assert.Equal(logOnDisk, log.Stdout);
            Assert.NotEqual("", logOnDisk);
        }
        finally
        {
            job.Cleanup();
        }
    }

    /// <summary>
    /// Frame A held and ssh2 drained before the daemon starts: frame B's downloads run, all on ssh1; none of A's is
    /// launched, and after a daemon restart both still hold. ctl release then lets A run.
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    public async Task Hold_and_drain_start_nothing_new_survive_a_restart_and_release_lets_the_frame_run()
    {
        var job = LedgerJob.Create(progress: true);
        try
        {
            await using var bed = await FaultBed.CreateAsync(job, 0.5, cpus: 2);
            const string held = "001A_HELDFRAME", free = "001A_FREEFRAME";
            await FaultBed.AddFrameAsync(bed, held, 2);
            await FaultBed.AddFrameAsync(bed, free, 2);
            var hold = await ToolInProcess.RunAsync("ctl", "hold", held, "-d", bed.ConfigPath);
            var drain = await ToolInProcess.RunAsync("ctl", "drain", "ssh2", "-d", bed.ConfigPath);
            var badMachine = await ToolInProcess.RunAsync("ctl", "drain", "ssh9", "-d", bed.ConfigPath);
            var badFrame = await ToolInProcess.RunAsync("ctl", "hold", "NO_SUCH_FRAME", "-d", bed.ConfigPath);
            var badJob = await ToolInProcess.RunAsync("ctl", "cancel", "12x", "-d", bed.ConfigPath);
            var noJob = await ToolInProcess.RunAsync("ctl", "cancel", "999999", "-d", bed.ConfigPath);
            foreach (var r in new[] { hold, drain, badMachine, badFrame, badJob, noJob }) output.WriteLine(r.ToString());

            for (var run = 1; run <= 2; run++)
            {
                await using var daemon = bed.StartInProcess();
                // Frame B has two dates: the master's download and one ifg download.
                await WaitFor.ConditionAsync(async () => await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Finished && e.FrameId == free)) >= 2,
                    TimeSpan.FromMinutes(1), "frame B's downloads finished", dump: bed.Factory);
                await Task.Delay(TimeSpan.FromSeconds(3)); // a few more passes in which A could have started
            }
            var status = await ToolInProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
            await using (var db = bed.Factory.Create())
            {
                var launches = await db.JobEvents.AsNoTracking().Where(e => e.Kind == JobEventKinds.Launched).ToListAsync();
                var heldLaunches = launches.Count(e => e.FrameId == held);
                var onDrained = launches.Count(e => e.Machine == "ssh2");
                output.WriteLine($"launches {launches.Count}: of held frame {heldLaunches}, on drained ssh2 {onDrained}");
                output.WriteLine(status.Stdout);
                Assert.Equal(0, heldLaunches);
                Assert.Equal(0, onDrained);
                Assert.True(launches.Count >= 2);
            }

            var release = await ToolInProcess.RunAsync("ctl", "release", held, "-d", bed.ConfigPath);
            output.WriteLine(release.ToString());
            await using (var daemon = bed.StartInProcess())
                await WaitFor.ConditionAsync(async () => await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Finished && e.FrameId == held)) >= 1,
                    TimeSpan.FromMinutes(1), "frame A runs once released", dump: bed.Factory);

            Assert.Equal(0, hold.ExitCode);
            Assert.Equal(0, drain.ExitCode);
            Assert.Equal(2, badMachine.ExitCode);
            Assert.Contains("unknown machine 'ssh9'", badMachine.Stderr);
            Assert.Equal(1, badFrame.ExitCode);
            Assert.Equal(2, badJob.ExitCode);
            Assert.Equal(1, noJob.ExitCode);
            Assert.Contains("no running job 999999", noJob.Stderr);
            Assert.DoesNotContain("   at ", badMachine.Stderr + badFrame.Stderr + badJob.Stderr + noJob.Stderr);
            Assert.Contains("held frames (1", status.Stdout);
            Assert.Contains("drained machines (1", status.Stdout);
            Assert.Equal(0, release.ExitCode);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private static string Target(RunningJob r) => LedgerJob.DownloadTarget(r.FrameId, r.Date!.Value);
}
