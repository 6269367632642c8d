using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>A job's time limit is its command's: job exec that is slow to start does not use it up.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class SlowStartTimeoutFaults(ITestOutputHelper output)
{
    private const string Frame = "001A_SLOWSTART";

    /// <summary>
    /// timeout = 5s, retries = 0, and satdaemon-tools is a wrapper that sleeps 8 s before it execs the real job exec
    /// (a loaded host, made certain): job exec reports and starts the command well after the claim is 5 s old. The
    /// command itself takes no time. It must run exactly once by its own ledger, end finished, never be stopped as a
    /// timeout and never be launched again. Counted independently: the ledger the command writes, job_events (claims,
    /// ends), failed_jobs, and the time between the claim and job exec's first report.
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    public async Task A_job_exec_slower_to_start_than_the_timeout_runs_its_command_once_and_is_not_timed_out()
    {
        using var scratch = WrappedJobExec.Create("sdt-slowstart-");
        await RunAsync(scratch);
    }

    private async Task RunAsync(WrappedJobExec scratch)
    {
        var dir = scratch.Dir;
        var ledger = Path.Combine(dir, "ledger");
        var command = Path.Combine(dir, "ledger.sh");
        File.WriteAllText(command, $"""
            #!/bin/sh
            umask 000
            echo "start $SATDAEMON_JOB_ID" >> '{ledger}'
            trap 'echo "stop $SATDAEMON_JOB_ID" >> "{ledger}"; exit 143' TERM
            echo "end $SATDAEMON_JOB_ID" >> '{ledger}'
            exit 0

            """.Replace("\r\n", "\n"));
        // A real delay before job exec starts: its line is on `ps` (the wrapper's arguments) while it sleeps.
        scratch.WriteWrapper("""
            sleep 8
            """);
        File.SetUnixFileMode(command, (UnixFileMode)0x1ED); // 755

        await using var bed = await FaultBed.CreateAsync("true", c =>
        {
            scratch.Configure(c);
            c.Set("PARAMETERS", "kill_grace", "2s");
            c.Set("JOB:download", "command", "/bin/sh " + command);
            c.Set("JOB:download", "timeout", "5s");
            c.Set("JOB:download", "retries", "0");
            c.Set("PROC_MACHINES", "names", "ssh1");
            c.RemoveSection("PROC_MACHINES:ssh2");
        });
        await FaultBed.AddFrameAsync(bed, Frame, 1);
        var logs = new CapturingLoggerProvider();
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(3), "the download settled",
                poll: TimeSpan.FromMilliseconds(500), dump: bed.Factory);
        }

        var runs = File.Exists(ledger) ? File.ReadAllLines(ledger) : [];
        List<JobEvent> events;
        int failedRows;
        MasterRow master;
        await using (var db = bed.Factory.Create())
        {
            events = await db.JobEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            failedRows = await db.FailedJobs.CountAsync();
            master = await db.Master.AsNoTracking().SingleAsync();
        }
        var claims = events.Where(e => e.Kind == JobEventKinds.Launched).ToList();
        var started = events.Where(e => e.Kind == JobEventKinds.Running).ToList();
        var reportAfter = claims.Count == 1 && started.Count == 1 ? (started[0].Time - claims[0].Time).TotalSeconds : double.NaN;
        var timedOut = logs.Lines.Count(l => l.EventId == 1045);
        output.WriteLine($"ledger: {string.Join(" | ", runs)}; claims {claims.Count}, running events {started.Count}, "
            + $"finished {events.Count(e => e.Kind == JobEventKinds.Finished)}, failed {events.Count(e => e.Kind == JobEventKinds.Failed)}, "
            + $"cancelled {events.Count(e => e.Kind == JobEventKinds.Cancelled)}; failed_jobs rows {failedRows}; "
            + $"job exec's first report {reportAfter:0.0} s after the claim (timeout 5 s); timeouts logged {timedOut}; master stage {master.ProcStage} status {master.ProcStatus}");
        foreach (var e in events) output.WriteLine($"  {e.Time:HH:mm:ss.fff} job {e.JobId} {e.Kind} {e.Message}");

        Assert.True(reportAfter > 5, $"job exec reported {reportAfter:0.0} s after the claim; the test needs it later than the timeout");
        Assert.Single(runs, r => r.StartsWith("start ", StringComparison.Ordinal));
        Assert.Equal([$"start {claims[0].JobId}", $"end {claims[0].JobId}"], runs);
        Assert.Single(claims);
        Assert.Equal(0, timedOut);
        Assert.Equal(1, events.Count(e => e.Kind == JobEventKinds.Finished));
        Assert.Equal(0, events.Count(e => e.Kind == JobEventKinds.Failed));
        Assert.Equal(0, failedRows);
        Assert.Equal((2, ProcStatus.Waiting), (master.ProcStage, master.ProcStatus));
    }
}
