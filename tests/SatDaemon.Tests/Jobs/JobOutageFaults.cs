using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// Fault tests that stop a shared service (PostgreSQL, an sshd) or aim SIGKILLs at timed windows: nothing else may
/// run meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}

/// <summary>
/// Fault tests that stop no shared service and count only their own processes and ledgers (by marker): one at a time
/// among themselves, beside the other tests. Most of their time is waiting on jobs, which used to be run alone.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsBesideCollection
{
    public const string Name = "Faults beside others";
}

/// <summary>Job reports across a real PostgreSQL outage.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsCollection.Name)]
public sealed class JobOutageFaults
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [ServiceFact(Needs.PostgresCluster)]
    public async Task A_job_that_ends_during_an_outage_is_recorded_exactly_once_when_postgresql_returns()
    {
        var cluster = PostgresCluster.FromEnvironment()!;
        await using var pg = PostgresDatabase.Reserve(); // JobTestBed copies the template into it
        // No pooling in this process: a pooled connection from before the restart would fail the assertions' queries.
        using var bed = await JobTestBed.CreateAsync(pg.Url + "?Pooling=false");
        var job = await bed.ClaimAsync();
        var outcomeFile = JobOutcomeFile.PathFor(bed.LogPath(job.Id));
        var env = new Dictionary<string, string?> { ["SATDAEMON_REPORT_RETRY_SECONDS"] = "180" };
        using var exec = ToolProcess.Start(bed.ExecArgs(job.Id, ["/bin/sh", "-c", "echo started; sleep 3; echo work done"]), env);
        var collect = ToolProcess.CollectAsync(exec, TimeSpan.FromMinutes(4));

        // The command's first line means job exec has recorded the start and is now only waiting for the command.
        var log = bed.LogPath(job.Id);
        Assert.True(await Wait.ForAsync(() => Task.FromResult(File.Exists(log) && File.ReadAllText(log).Contains("started")), TimeSpan.FromSeconds(60)),
            "the command did not start\n" + await bed.DumpAsync(job.Id));

        var spooled = false;
        await cluster.StopAsync();
        try
        {
            // The command ends while the database is down: the outcome must be spooled, then retried.
            var until = DateTime.UtcNow + Outage;
            while (DateTime.UtcNow < until)
            {
                spooled |= File.Exists(outcomeFile);
                await Task.Delay(200);
            }
        }
        finally
        {
            await cluster.StartAsync();
        }

        var result = await collect;
        var dump = await bed.DumpAsync(job.Id);
        Assert.True(result.ExitCode == 0, $"{result}\n{dump}");
        Assert.True(spooled, $"the outcome file was written while PostgreSQL was down\n{result}\n{dump}");
        Assert.Contains("database not reachable", result.Stderr);
        Assert.Equal(1, await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Finished)));
        Assert.Equal(0, await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Failed)));
        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
        Assert.Equal((2, ProcStatus.Waiting), ((await bed.IfgAsync()).ProcStage, (await bed.IfgAsync()).ProcStatus));
        Assert.False(File.Exists(outcomeFile), "the outcome file is removed once recorded");
    }
}
