using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Configuration;

/// <summary>
/// Config and usage errors end satdaemon and satdaemon-tools with exit 2 and one clear line, no stack trace (DESIGN §13:
/// 0 ok, 1 failed, 2 usage or config); the systemd unit does not restart after 2.
/// </summary>
public class ConfigExitCodeFacts
{
    public static TheoryData<string> BadDatabaseUrls => new()
    {
        "postgresql://sat:s3cret@dbhost:5432/",               // no database name
        "postgresql://sat:s3cret@dbhost:99999/sat",           // port out of range
        "postgresql://sat@dbhost/sat?password=s3cret&bogus=1", // an option Npgsql does not know
        "postgresql://sat@dbhost/sat?sslmode=s3cret",          // a value the option cannot take
        "mysql://sat:s3cret@dbhost/sat",
        "sqlite://relative.db",                                // two slashes: not the sqlite:/// form
    };

    [Theory]
    [MemberData(nameof(BadDatabaseUrls))]
    public async Task Daemon_with_a_bad_database_url_exits_2_with_one_line(string url)
    {
        using var cfg = TempConfig.Write(new ConfigText(database: url));

        var result = await DaemonProcess.RunAsync("run", "--once", "-d", cfg.Path);

        AssertOneConfigLine(result, cfg.Path);
    }

    [Theory]
    [MemberData(nameof(BadDatabaseUrls))]
    public async Task Tools_with_a_bad_database_url_exit_2_with_one_line(string url)
    {
        using var cfg = TempConfig.Write(new ConfigText(database: url));

        var result = await ToolProcess.RunAsync("ctl", "status", "-d", cfg.Path);

        AssertOneConfigLine(result, cfg.Path);
    }

    [Fact]
    public async Task Daemon_explain_with_a_bad_config_exits_2()
    {
        using var cfg = TempConfig.Write(new ConfigText().Set("PARAMETERS", "poll_interval", "1e15d"));

        var result = await DaemonProcess.RunAsync("explain", "-d", cfg.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("[PARAMETERS] poll_interval: '1e15d' is out of range", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Daemon_and_tools_with_a_config_file_that_does_not_exist_exit_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), "sdt-missing-" + Guid.NewGuid().ToString("N"), "satdaemon.cfg");

        var daemon = await DaemonProcess.RunAsync("run", "--once", "-d", missing);
        var tools = await ToolProcess.RunAsync("ctl", "status", "-d", missing);

        Assert.True(daemon.ExitCode == 2, daemon.ToString());
        Assert.True(tools.ExitCode == 2, tools.ToString());
        Assert.Contains(missing, daemon.Stderr);
        Assert.Contains(missing, tools.Stderr);
    }

    [Theory]
    [InlineData("run", "--once", "-d")]          // -d without its file
    [InlineData("run", "--no-such-option")]
    public async Task Daemon_usage_error_exits_2(params string[] args)
    {
        var result = await DaemonProcess.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Theory]
    [InlineData("ctl", "status", "-d")]
    [InlineData("ctl", "no-such-command")]
    public async Task Tools_usage_error_exits_2(params string[] args)
    {
        var result = await ToolProcess.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Daemon_and_tools_whose_database_cannot_be_opened_exit_1_with_one_line()
    {
        // A well-formed URL whose database cannot be opened is a failure a restart may cure (the database may be
        // starting), not a config error: exit 1, so that systemd restarts the daemon.
        using var cfg = TempConfig.Write(new ConfigText(database: "sqlite:////nonexistent-sdt-dir/sat.db"));

        var daemon = await DaemonProcess.RunAsync("run", "--once", "-d", cfg.Path);
        var tools = await ToolProcess.RunAsync("ctl", "status", "-d", cfg.Path);

        Assert.True(daemon.ExitCode == 1, daemon.ToString());
        Assert.True(tools.ExitCode == 1, tools.ToString());
        // Found before SQLite is asked to open (and so create) it; init-database makes the folder and the file.
        Assert.Contains("satdaemon: database sqlite /nonexistent-sdt-dir/sat.db does not exist: run `satdaemon-tools init-database`", daemon.Stderr);
        Assert.Contains("error: database sqlite /nonexistent-sdt-dir/sat.db does not exist: run `satdaemon-tools init-database`", tools.Stderr);
        Assert.DoesNotContain("   at ", daemon.Stdout + daemon.Stderr + tools.Stdout + tools.Stderr);
    }

    /// <summary>Exit 2; the error names file, section and key on one line of stderr; no stack trace; no password anywhere.</summary>
    private static void AssertOneConfigLine(ToolResult result, string path)
    {
        var output = result.Stdout + result.Stderr;
        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("config error"));
        Assert.Contains($"{path} [PARAMETERS] database:", error);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("s3cret", output);
    }
}
