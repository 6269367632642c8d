using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tools;

namespace SatDaemon.Tests.Control;

/// <summary>satdaemon-tools ctl through the real command line, in-process, on a SQLite database named by a config file.</summary>
public sealed class CtlCommandFacts : IAsyncLifetime
{
    private const string FrameId = "132A_CLI_FRAME";
    private ControlTestDb _db = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _db = await ControlTestDb.CreateSqliteAsync();
        await _db.AddFrameAsync(FrameId);
        _config = Path.Combine(Path.GetDirectoryName(_db.Url["sqlite:///".Length..])!, "satdaemon.cfg");
        await File.WriteAllTextAsync(_config, $"""
            [PARAMETERS]
            database = {_db.Url}
            poll_interval = 30

            [PROC_MACHINES]
            names = local

            [PROC_MACHINES:local]
            transport = local
            host = localhost
            cpus = 8
            memory = 32
            """);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Range_with_a_bad_date_exits_2_naming_the_date_and_changes_nothing()
    {
        var (code, _, error) = await CtlAsync("range", FrameId, "2020-13-01", "2021-01-01");

        Assert.Equal(2, code);
        Assert.Contains("'2020-13-01'", error);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Range_with_end_before_start_exits_2_and_changes_nothing()
    {
        var (code, _, error) = await CtlAsync("range", FrameId, "20210101", "20200101");

        Assert.Equal(2, code);
        Assert.Contains("before start", error);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Range_with_an_open_end_sets_the_start_only()
    {
        var (code, output, _) = await CtlAsync("range", FrameId, "20190101", "-");

        Assert.Equal(0, code);
        Assert.Contains("proc range open..open -> 2019-01-01..open", output);
        var frame = await _db.FrameAsync(FrameId);
        Assert.Equal((new DateOnly(2019, 1, 1), (DateOnly?)null), (frame.ProcStart, frame.ProcEnd));
    }

    [Fact]
    public async Task Full_proc_on_prints_the_change_and_asks_for_a_new_job_list()
    {
        var (code, output, _) = await CtlAsync("full-proc", FrameId, "on");

        Assert.Equal(0, code);
        Assert.Contains($"frame {FrameId}: proc_level off -> full", output);
        Assert.Equal(ProcLevel.Full, (await _db.FrameAsync(FrameId)).ProcLevel);
        Assert.Equal([FrameId], await _db.JobListFramesAsync());
    }

    [Fact]
    public async Task Noupdate_on_of_an_off_frame_prints_both_changes()
    {
        var (code, output, _) = await CtlAsync("noupdate", FrameId, "on");

        Assert.Equal(0, code);
        Assert.Contains($"frame {FrameId}: noupdate off -> on", output);
        Assert.Contains($"frame {FrameId}: proc_level off -> full", output);
        Assert.Equal(ProcLevel.Full, (await _db.FrameAsync(FrameId)).ProcLevel);
    }

    [Theory]
    [InlineData("full-proc", FrameId, "onn")]
    [InlineData("noupdate", "999A_NO_FRAME", "on")]
    [InlineData("priority", FrameId, "high")]
    [InlineData("retry")]
    public async Task Bad_input_exits_2_with_one_error_line_and_changes_nothing(params string[] args)
    {
        var (code, _, error) = await CtlAsync(args);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: ", error);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Status_prints_the_daemon_and_the_configured_machines()
    {
        var (code, output, _) = await CtlAsync("status");

        Assert.Equal(3, code); // README "Exit codes": 3 the daemon is not running (here: never started)
        Assert.Contains("daemon: not running (never seen", output);
        Assert.Contains("local", output);
        Assert.Contains("0/8", output);
    }

    [Fact]
    public async Task Status_json_names_the_machine_budgets()
    {
        var (code, output, _) = await CtlAsync("status", "--json");

        Assert.Equal(3, code); // no daemon has run on this database
        Assert.Contains("\"cpus_budget\": 8", output);
    }

    [Fact]
    public async Task Power_down_sets_the_flag()
    {
        var (code, output, _) = await CtlAsync("power-down");

        Assert.Equal(0, code);
        Assert.Contains("power_down off -> on", output);
        Assert.True((await _db.DaemonToolsAsync()).PowerDown);
    }

    private async Task<(int Code, string Output, string Error)> CtlAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ToolsProgram.RunAsync(["ctl", .. args, "-d", _config], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task AssertNothingChangedAsync()
    {
        var frame = await _db.FrameAsync(FrameId);
        Assert.Equal((ProcLevel.Off, 0, false, (DateOnly?)null, (DateOnly?)null),
            (frame.ProcLevel, frame.Priority, frame.NoUpdate, frame.ProcStart, frame.ProcEnd));
        Assert.False((await _db.DaemonToolsAsync()).RecreateJoblist);
        Assert.Empty(await _db.JobListFramesAsync());
        Assert.Equal(0, await _db.ReadAsync(d => d.FailedJobs.CountAsync(f => f.Retried)));
    }
}
