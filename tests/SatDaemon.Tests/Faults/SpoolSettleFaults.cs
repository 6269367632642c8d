using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>
/// A job's end that job exec could not record (its database refused connections when the command ended) is settled by
/// the daemon from the outcome spool file, and the daemon then removes that file, as job exec would have.
/// </summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class SpoolSettleFaults(ITestOutputHelper output)
{
    private const string Frame = "001A_SPOOLSETTLE";

    /// <summary>
    /// One download on ssh1. Its command waits for a go file; before the test makes it, the test's own database stops
    /// taking connections (ALLOW_CONNECTIONS false and its sessions ended: an outage of this database only, PostgreSQL
    /// itself stays up for the other tests). job exec, its report budget cut to 3 s by a wrapper around
    /// satdaemon-tools, spools the outcome and gives up. Connections allowed again, the daemon settles the job from the
    /// spool. Counted independently: the command's own ledger (one start, one end), the spool file on disk (there
    /// while job exec was gone, gone after), job_events (one finished), the daemon's log (settled from the spool).
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    public async Task A_job_settled_from_its_spool_file_has_that_file_removed_and_its_end_recorded_once()
    {
        using var scratch = WrappedJobExec.Create("sdt-spool-");
        await RunAsync(scratch);
    }

    private async Task RunAsync(WrappedJobExec scratch)
    {
        var dir = scratch.Dir;
        var ledger = Path.Combine(dir, "ledger");
        var go = Path.Combine(dir, "go");
        var command = Path.Combine(dir, "wait-for-go.sh");
        // The job's own ledger: one line when the command starts, one when it ends, with the job id job exec gives it.
        File.WriteAllText(command, $"""
            #!/bin/sh
            umask 000
            echo "start $SATDAEMON_JOB_ID" >> '{ledger}'
            while [ ! -e '{go}' ]; do sleep 0.2; done
            echo "end $SATDAEMON_JOB_ID" >> '{ledger}'
            exit 0

            """.Replace("\r\n", "\n"));
        // job exec through a wrapper that shortens its report retries (the outage would otherwise be waited out for 30 min).
        scratch.WriteWrapper("""
            SATDAEMON_REPORT_RETRY_SECONDS=3
            export SATDAEMON_REPORT_RETRY_SECONDS
            """);
        File.SetUnixFileMode(command, (UnixFileMode)0x1ED); // 755

        await using var bed = await FaultBed.CreateAsync("true", c =>
        {
            scratch.Configure(c);
            c.Set("JOB:download", "command", "/bin/sh " + command);
            c.Set("PROC_MACHINES", "names", "ssh1");
            c.RemoveSection("PROC_MACHINES:ssh2");
        });
        var database = ((PostgresDatabase)bed.Db).Name;
        await FaultBed.AddFrameAsync(bed, Frame, 1);
        var logs = new CapturingLoggerProvider();
        var watch = Stopwatch.StartNew();
        string? spoolPath = null;
        var spoolSeenWithoutJobExec = false;
        long jobId = 0;
        var outage = false;
        try
        {
            await using var daemon = bed.StartInProcess(logs);
            await WaitFor.ConditionAsync(() => File.Exists(ledger) && File.ReadAllText(ledger).Contains("start "), TimeSpan.FromMinutes(2),
                "the command started", poll: TimeSpan.FromMilliseconds(200), dump: bed.Factory);
            await using (var db = bed.Factory.Create())
            {
                var row = await db.RunningJobs.AsNoTracking().SingleAsync();
                jobId = row.Id;
                spoolPath = JobOutcomeFile.PathFor(row.LogPath!);
            }

            await SetConnectionsAsync(database, allowed: false);
            outage = true;
            File.WriteAllText(go, "");
            // The command ends; job exec writes the spool, cannot record the end and gives up (3 s budget).
            await WaitFor.ConditionAsync(() => File.Exists(spoolPath) && JobExecKillFaults.JobExecOf(bed, jobId.ToString()) is null,
                TimeSpan.FromMinutes(2), "job exec gone with its spool file left", poll: TimeSpan.FromMilliseconds(200));
            spoolSeenWithoutJobExec = File.Exists(spoolPath);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: job exec of job {jobId} is gone, spool {spoolPath} exists: {spoolSeenWithoutJobExec}");
            output.WriteLine("spool: " + File.ReadAllText(spoolPath));

            await SetConnectionsAsync(database, allowed: true);
            outage = false;
            await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(2), "the download settled",
                poll: TimeSpan.FromMilliseconds(500), dump: bed.Factory);
            // The removal follows the recorded end in the same pass; give that pass time to finish.
            await WaitFor.UntilAsync(() => !File.Exists(spoolPath), TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (outage) await SetConnectionsAsync(database, allowed: true);
        }

        var spoolLeft = File.Exists(spoolPath);
        var runs = File.ReadAllLines(ledger);
        int finished, failed;
        await using (var db = bed.Factory.Create())
        {
            finished = await db.JobEvents.CountAsync(e => e.JobId == jobId && e.Kind == JobEventKinds.Finished);
            failed = await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Failed);
        }
        var fromSpool = logs.Lines.Count(l => l.EventId == 1047 && l.Text.StartsWith($"job {jobId} ", StringComparison.Ordinal));
        output.WriteLine($"ledger: {string.Join(" | ", runs)}; spool seen with job exec gone: {spoolSeenWithoutJobExec}; spool left after settling: {spoolLeft}; "
            + $"finished events {finished}, failed events {failed}; daemon settled from the spool {fromSpool}×; {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var line in logs.TimedLinesWith($"job {jobId}")) output.WriteLine("  " + line);

        Assert.True(spoolSeenWithoutJobExec);
        Assert.Equal([$"start {jobId}", $"end {jobId}"], runs);
        Assert.Equal(1, fromSpool);
        Assert.Equal(1, finished);
        Assert.Equal(0, failed);
        Assert.False(spoolLeft, $"{spoolPath} is still there after the daemon settled job {jobId} from it");
        // Only that file went: the job's log beside it stays.
        Assert.True(File.Exists(spoolPath![..^JobOutcomeFile.Suffix.Length]), "the job's log is kept");
    }

    /// <summary>
    /// This test's database alone stops (or starts again) taking connections; its open sessions are ended, so pooled
    /// connections fail too. PostgreSQL itself, and every other test's database, stay up.
    /// </summary>
    private static async Task SetConnectionsAsync(string database, bool allowed)
    {
        await using var conn = new NpgsqlConnection(TestEnvironment.AdminConnectionString());
        await conn.OpenAsync();
        // The name is the test's own (sdt_ + hex): safe to put into DDL, which takes no parameters.
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", conn))
            await alter.ExecuteNonQueryAsync();
        if (allowed) return;
        await using var end = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @d AND pid <> pg_backend_pid()", conn);
        end.Parameters.AddWithValue("d", database);
        await end.ExecuteScalarAsync();
    }
}
