using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Infrastructure;

public class WaitForFacts
{
    [Fact]
    public async Task Returns_once_the_condition_holds()
    {
        var polls = 0;

        await WaitFor.ConditionAsync(() => ++polls >= 3, TimeSpan.FromSeconds(5), "the third poll", poll: TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task Timeout_names_what_was_awaited_and_dumps_the_job_tables()
    {
        await using var db = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        await using (var ctx = db.Factory.Create())
        {
            ctx.Frames.Add(new Frame { Id = "132A_DUMP_FRAME", Track = 132, OrbitDirection = "A", Priority = 7 });
            await ctx.SaveChangesAsync();
        }

        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            WaitFor.ConditionAsync(() => false, TimeSpan.FromMilliseconds(200), "a job that never starts", dump: db.Factory));

        Assert.Contains("waiting for a job that never starts", e.Message);
        Assert.Contains("pending_jobs: (empty)", e.Message);
        Assert.Contains("Id=132A_DUMP_FRAME", e.Message);
        Assert.Contains("Priority=7", e.Message);
        Assert.Contains("job_events (last 50): (empty)", e.Message);
    }
}
