using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Daemon;

/// <summary>The real daemon runs a frame through the whole chain with real job exec and job simulate processes.</summary>
public sealed class DaemonChainFacts
{
    [Fact]
    public async Task Frame_goes_through_the_whole_chain_on_sqlite_with_a_local_machine_within_budget()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite);
        await bed.AddFrameAsync("064A_CHAIN_TEST", 3);
        var logs = new CapturingLoggerProvider();
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() => bed.AllCompleteAsync("064A_CHAIN_TEST"), TimeSpan.FromMinutes(10), "every row of 064A_CHAIN_TEST complete", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)), "daemon did not exit after power-down\n" + logs.AllText);
            Assert.Equal(0, daemon.ExitCode);
        }
        Assert.Empty(sampler.Violations);
        Assert.True(sampler.MaxConcurrent >= 2, "jobs should run side by side within the budget");
        Assert.Equal(0, await bed.CountAsync<FailedJob>());
        Assert.Equal(0, await bed.CountAsync<RunningJob>());
        // master × 3 stages + ifg × 4 + rsar pairs × 2 + 2 frame stages, each launched exactly once.
        var launched = await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Launched));
        var finished = await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Finished));
        Assert.Equal(3 + 2 * 4 + 3 * 2 + 2, launched); // 3 dates: master, 2 ifg, 3 rsar pairs
        Assert.Equal(launched, finished);
        Assert.Contains(logs.Lines, l => l.EventId == 1040);
    }
}
