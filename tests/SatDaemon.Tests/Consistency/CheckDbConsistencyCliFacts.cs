using SatDaemon.Database.Consistency;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using static SatDaemon.Tests.Consistency.ConsistencyTestBed;

namespace SatDaemon.Tests.Consistency;

/// <summary>
/// `satdaemon-tools check-db-consistency`: table, --apply, second run, unknown frame. The dry run is a real process
/// (its stdout redirected, so no progress bar); the other runs are in-process (<see cref="ToolInProcess"/>).
/// </summary>
public sealed class CheckDbConsistencyCliFacts
{
    private const string F = "132A_CONSISTENCY_CLI";

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Dry_run_shows_the_table_apply_writes_it_and_a_second_apply_has_nothing_to_change(TestProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.AddFrameAsync(F);
        bed.WriteOutputs(F, TargetTables.Ifg, D1, null, 1, 3);

        var dry = await ToolProcess.RunAsync("check-db-consistency", "-d", bed.ConfigPath);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("in database", dry.Stdout);
        Assert.Contains("advance to slc (2) waiting; gap: not applied (coreg present beyond a missing stage)", dry.Stdout);
        Assert.Contains("dry run: nothing written", dry.Stdout);
        Assert.DoesNotContain("\r", dry.Stdout);   // no progress bar when stdout is redirected
        Assert.Equal(new RowState(1, ProcStatus.Waiting), await bed.IfgAsync(F, D1));

        var apply = await ToolInProcess.RunAsync("check-db-consistency", "-d", bed.ConfigPath, "--apply");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("applied 1 change(s)", apply.Stdout);
        Assert.Equal(new RowState(2, ProcStatus.Waiting), await bed.IfgAsync(F, D1));

        var again = await ToolInProcess.RunAsync("check-db-consistency", "-d", bed.ConfigPath, "--apply", "--frame", F);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("nothing to change", again.Stdout);
    }

    [Fact]
    public async Task An_unknown_frame_exits_2_with_a_clear_message()
    {
        await using var bed = await CreateAsync(TestProvider.Sqlite);

        var r = await ToolInProcess.RunAsync("check-db-consistency", "-d", bed.ConfigPath, "--frame", "999A_NO_SUCH_FRAME");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("unknown frame 999A_NO_SUCH_FRAME", r.Stderr);
    }
}
