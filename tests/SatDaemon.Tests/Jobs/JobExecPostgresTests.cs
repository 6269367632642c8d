using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Jobs;

/// <summary>job exec on the operational database, PostgreSQL.</summary>
public sealed class JobExecPostgresTests
{
    [ServiceFact(Needs.Postgres)]
    public async Task Success_and_progress_are_recorded_on_postgresql()
    {
        await using var pg = PostgresDatabase.Reserve(); // JobTestBed copies the template into it
        using var bed = await JobTestBed.CreateAsync(pg.Url);
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ToolProcess.Argv("job", "simulate", "--stage", "download", "--seconds", "0.2", "--progress-steps", "2")));

        var dump = await bed.DumpAsync(job.Id);
        Assert.True(result.ExitCode == 0, $"{result}\n{dump}");
        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
        Assert.Equal(2, (await bed.IfgAsync()).ProcStage);
        Assert.Equal(2, await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Progress)));
        Assert.Equal(1, await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Finished)));
    }
}
