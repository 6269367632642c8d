using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;

namespace SatDaemon.Tests.Faults;

/// <summary>The Teams endpoint holds every request: failures are recorded and freed at once, job exec exits within its flush bound.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class TeamsOutageFaults
{
    private const string Script = "case {frame} in *FAIL*) sleep 0.3; exit 3;; esac; sleep 0.3";

    [ServiceFact(Needs.Ssh)]
    public async Task A_teams_endpoint_that_never_answers_slows_neither_jobs_nor_the_daemon()
    {
        await using var teams = new LoopbackTeamsReceiver();
        for (var i = 0; i < 100; i++) teams.Enqueue(new ScriptedResponse(200, Delay: TimeSpan.FromMinutes(10)));
        await using var bed = await FaultBed.CreateAsync(Script, c => c.Set("PARAMETERS", "teams_webhook", teams.Url));
        await bed.AddFrameAsync("001A_TEAMS_FAIL", 4, ProcLevel.Download);
        await bed.AddFrameAsync("002A_TEAMS_OK", 4, ProcLevel.Download);
        var logs = new CapturingLoggerProvider();
        var watch = Stopwatch.StartNew();
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(2), "every download ended", dump: bed.Factory);
            var chain = watch.Elapsed;
            // Posts leave job exec in the background after the failure is recorded, so the first may still be on its way.
            await WaitFor.ConditionAsync(() => teams.ReceivedCount >= 1, TimeSpan.FromSeconds(20), "a post reaching the endpoint");
            Assert.Equal(0, teams.AnsweredCount); // every post is still held while the chain has completed

            // A failed job's resources are freed when its failure is recorded, before its Teams post is even tried.
            await using (var db = bed.Factory.Create())
            {
                var events = await db.JobEvents.AsNoTracking().ToListAsync();
                // Measured against the jobs that succeeded (no Teams post), as job exec's own start-up varies with load.
                TimeSpan Took(JobEvent end) => end.Time - events.Single(e => e.JobId == end.JobId && e.Kind == JobEventKinds.Launched).Time;
                var slowestOk = events.Where(e => e.Kind == JobEventKinds.Finished).Max(Took);
                foreach (var failed in events.Where(e => e.Kind == JobEventKinds.Failed))
                    Assert.True(Took(failed) < slowestOk + TimeSpan.FromSeconds(5), $"job {failed.JobId} took {Took(failed)}, slowest ok job {slowestOk}");
            }
            // job exec waits at most its flush timeout (15 s) for Teams, then exits and says the post was given up.
            await WaitFor.ConditionAsync(() => FaultBed.LiveJobExecIds(bed).Count == 0, TimeSpan.FromSeconds(40), "job exec processes exited");
            Assert.True(watch.Elapsed < chain + TimeSpan.FromSeconds(40));
            // Passes that launch pay for ssh under load; the others show whether anything waits on Teams.
            Assert.All(logs.Lines.Where(l => l.EventId == 1001 && l.Text.StartsWith("pass: 0 launched", StringComparison.Ordinal)), l => Assert.DoesNotMatch(@"\((\d{5,}|[3-9]\d{3}) ms\)", l.Text));
            var jobLogs = Directory.EnumerateFiles(bed.ProcDir, "*.log", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
            Assert.Contains(jobLogs, t => t.Contains("Teams flush timed out") || t.Contains("discarded at shutdown"));
        }
        var ledger = await FaultBed.EventLedgerAsync(bed);
        Assert.True(ledger.Balanced, ledger.ToString());
        Assert.Equal(4, ledger.Failed);
        Assert.Equal(4, ledger.Finished);
        FaultFigures.Record("teams endpoint holding requests", ledger, faults: 1, watch.Elapsed);
    }

    [ServiceFact(Needs.Ssh)]
    public async Task A_teams_endpoint_on_a_closed_port_drops_posts_with_a_log_line_and_the_chain_completes()
    {
        var closed = $"http://127.0.0.1:{FreePort.Next()}/webhook";
        await using var bed = await FaultBed.CreateAsync(Script, c => c.Set("PARAMETERS", "teams_webhook", closed));
        await bed.AddFrameAsync("003A_TEAMSDOWN_FAIL", 3, ProcLevel.Download);
        var logs = new CapturingLoggerProvider();
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(2), "every download ended", dump: bed.Factory);
            await WaitFor.ConditionAsync(() => FaultBed.LiveJobExecIds(bed).Count == 0, TimeSpan.FromSeconds(40), "job exec processes exited");
        }
        var jobLogs = Directory.EnumerateFiles(bed.ProcDir, "*.log", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.Contains(jobLogs, t => t.Contains("Teams", StringComparison.Ordinal) && (t.Contains("failed") || t.Contains("dropped") || t.Contains("timed out")));
        var ledger = await FaultBed.EventLedgerAsync(bed);
        Assert.True(ledger.Balanced, ledger.ToString());
        Assert.Equal(3, ledger.Failed);
        FaultFigures.Record("teams endpoint closed", ledger, faults: 1);
    }
}
