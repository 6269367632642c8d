using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// The start of a job, as recorded: a claim the daemon believes never started is queued again only while job exec
/// has not reported (of a late start and the revert exactly one wins, so a job never runs under two ids), and a
/// start reported twice (a retry after a lost commit) is one start.
/// </summary>
public sealed class JobStartTests
{
    [Fact]
    public async Task A_start_reported_twice_is_recorded_once()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        Assert.True(await bed.Store.MarkStartedAsync(job.Id, 4242, CancellationToken.None));
        Assert.True(await bed.Store.MarkStartedAsync(job.Id, 4242, CancellationToken.None));

        Assert.Equal(1, await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Running)));
        Assert.Equal(4242, (await bed.QueryAsync(db => db.RunningJobs.SingleAsync(j => j.Id == job.Id))).Pid);
    }

    [Fact]
    public Task An_unstarted_claim_is_queued_again_on_sqlite() => UnstartedIsRevertedAsync(null);

    [ServiceFact(Needs.Postgres)]
    public async Task An_unstarted_claim_is_queued_again_on_postgresql()
    {
        await using var pg = PostgresDatabase.Reserve(); // JobTestBed copies the template into it
        await UnstartedIsRevertedAsync(pg.Url);
    }

    [Fact]
    public Task A_claim_whose_job_exec_reported_is_not_reverted_on_sqlite() => StartedIsKeptAsync(null);

    [ServiceFact(Needs.Postgres)]
    public async Task A_claim_whose_job_exec_reported_is_not_reverted_on_postgresql()
    {
        await using var pg = PostgresDatabase.Reserve(); // JobTestBed copies the template into it
        await StartedIsKeptAsync(pg.Url);
    }

    [Fact]
    public async Task A_claim_with_the_launch_shells_pid_but_no_report_is_still_unstarted()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        Assert.True(await bed.Store.SetPidAsync(job.Id, 4242, CancellationToken.None)); // what `echo $!` printed

        Assert.True(await bed.Store.RevertUnstartedAsync(job.Id, "job exec never reported", CancellationToken.None));
        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
    }

    [Fact]
    public async Task Job_exec_starting_after_the_revert_is_refused()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        Assert.True(await bed.Store.RevertUnstartedAsync(job.Id, "test", CancellationToken.None));

        Assert.False(await bed.Store.MarkStartedAsync(job.Id, 4242, CancellationToken.None));
        Assert.Equal(0, await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Running)));
    }

    private static async Task UnstartedIsRevertedAsync(string? url)
    {
        using var bed = await JobTestBed.CreateAsync(url);
        var job = await bed.ClaimAsync();

        Assert.True(await bed.Store.RevertUnstartedAsync(job.Id, "no process, no log", CancellationToken.None));

        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
        Assert.Equal(ProcStatus.Waiting, (await bed.IfgAsync()).ProcStatus);
        var cancelled = await bed.QueryAsync(db => db.JobEvents.SingleAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Cancelled));
        Assert.Contains("no process, no log", cancelled.Message);
    }

    private static async Task StartedIsKeptAsync(string? url)
    {
        using var bed = await JobTestBed.CreateAsync(url);
        var job = await bed.ClaimAsync();
        Assert.True(await bed.Store.MarkStartedAsync(job.Id, 4242, CancellationToken.None));

        Assert.False(await bed.Store.RevertUnstartedAsync(job.Id, "no process, no log", CancellationToken.None));

        var row = await bed.QueryAsync(db => db.RunningJobs.SingleAsync(j => j.Id == job.Id));
        Assert.Equal(4242, row.Pid);
        Assert.Equal(ProcStatus.Running, (await bed.IfgAsync()).ProcStatus);
        Assert.Equal(0, await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Cancelled)));
    }
}
