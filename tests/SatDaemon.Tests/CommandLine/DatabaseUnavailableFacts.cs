using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.CommandLine;

/// <summary>
/// Issue 20: a database that cannot be reached, or was never initialised, is one line from every command and the
/// daemon (provider, host, port, database or SQLite path, the cause), exit 1 (README "Exit codes"), no stack trace,
/// never the wrong advice; and a missing schema is found before anything is created.
/// </summary>
public sealed class DatabaseUnavailableFacts(ITestOutputHelper output)
{
    private const string Frame = "132A_NOWHERE_FRAME";

    /// <summary>Every satdaemon-tools command that opens the database (init-database creates it; the job protocol waits out outages).</summary>
    public static TheoryData<string[]> ToolCommands => new()
    {
        new[] { "ctl", "status" },
        new[] { "ctl", "status", "--json" },
        new[] { "ctl", "full-proc", Frame, "on" },
        new[] { "ctl", "download", Frame, "on" },
        new[] { "ctl", "satsar", Frame, "off" },
        new[] { "ctl", "til-timeseries", Frame, "on" },
        new[] { "ctl", "noupdate", Frame, "on" },
        new[] { "ctl", "range", Frame, "2020-01-01", "-" },
        new[] { "ctl", "priority", Frame, "5" },
        new[] { "ctl", "power-down" },
        new[] { "ctl", "retry", "--all" },
        new[] { "frame", "list" },
        new[] { "frame", "list", "--json" },
        new[] { "frame", "create", "--id", Frame, "--bursts", "132_1_IW1" },
        new[] { "frame", "fill-files", Frame },
        new[] { "frame", "update-procdates", Frame },
        new[] { "frame", "set-master", Frame, "2020-01-01" },
        new[] { "export-frames", "--out", "/tmp/never-written.geojson" },
        new[] { "check-db-consistency" },
        new[] { "ingest-files", "--data-dir", "/tmp" },
    };

    public static TheoryData<string[]> DaemonCommands => new()
    {
        Array.Empty<string>(), // bare satdaemon = run
        new[] { "run", "--once" },
        new[] { "explain" },
        new[] { "web", "--listen", "127.0.0.1:0" },
    };

    [Theory, MemberData(nameof(ToolCommands))]
    public async Task Tools_command_on_a_closed_postgres_port_says_where_and_why_in_one_line_and_exits_1(string[] args)
    {
        var port = FreePort.Next(); // nothing listens there: the connection is refused at once
        using var cfg = TempConfig.Write(new ConfigText(database: $"postgresql://sat@127.0.0.1:{port}/satdaemon_nowhere"));

        var result = await ToolProcess.RunAsync([.. args, "-d", cfg.Path]);

        AssertUnreachable(result, port);
    }

    [Fact]
    public async Task Init_database_on_a_closed_postgres_port_says_where_and_why_in_one_line_and_exits_1()
    {
        var port = FreePort.Next();
        using var cfg = TempConfig.Write(new ConfigText(database: $"postgresql://sat@127.0.0.1:{port}/satdaemon_nowhere"));

        var result = await ToolProcess.RunAsync("init-database", "-d", cfg.Path);

        AssertUnreachable(result, port);
    }

    [Theory, MemberData(nameof(DaemonCommands))]
    public async Task Daemon_on_a_closed_postgres_port_says_where_and_why_in_one_line_and_exits_1(string[] args)
    {
        var port = FreePort.Next();
        using var cfg = TempConfig.Write(new ConfigText(database: $"postgresql://sat@127.0.0.1:{port}/satdaemon_nowhere"));

        var result = await DaemonProcess.RunAsync([.. args, "-d", cfg.Path]);

        AssertUnreachable(result, port);
    }

    [Theory, MemberData(nameof(ToolCommands))]
    public async Task Tools_command_on_a_missing_sqlite_file_advises_init_database_and_creates_nothing(string[] args)
    {
        using var cfg = TempConfig.Write(new ConfigText(database: "sqlite:///satdaemon.db"));
        var db = Path.Combine(cfg.Directory, "satdaemon.db");

        var result = await ToolProcess.RunAsync([.. args, "-d", cfg.Path]);

        AssertNoSchema(result, db);
    }

    [Theory, MemberData(nameof(DaemonCommands))]
    public async Task Daemon_on_a_missing_sqlite_file_advises_init_database_and_creates_nothing(string[] args)
    {
        using var cfg = TempConfig.Write(new ConfigText(database: "sqlite:///satdaemon.db"));
        var db = Path.Combine(cfg.Directory, "satdaemon.db");

        var result = await DaemonProcess.RunAsync([.. args, "-d", cfg.Path]);

        AssertNoSchema(result, db);
        Assert.False(File.Exists(db + ".daemon.lock"), "the daemon must not take its lock on a database it cannot use");
    }

    [Fact]
    public async Task Bare_daemon_on_an_empty_sqlite_file_says_it_has_no_schema_and_leaves_it_empty()
    {
        using var cfg = TempConfig.Write(new ConfigText(database: "sqlite:///satdaemon.db"));
        var db = Path.Combine(cfg.Directory, "satdaemon.db");
        File.WriteAllBytes(db, []); // what the old daemon left behind in the wrong folder

        var result = await DaemonProcess.RunAsync("-d", cfg.Path);

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"database sqlite {db} has no SatDaemon schema", result.Stderr);
        Assert.Contains("satdaemon-tools init-database", result.Stderr);
        Assert.Equal(0, new FileInfo(db).Length);
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Postgres_server_that_answers_without_the_database_advises_init_database()
    {
        await using var db = PostgresDatabase.Reserve(); // a name reserved but never created
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));

        var tools = await ToolProcess.RunAsync("ctl", "status", "-d", cfg.Path);
        var daemon = await DaemonProcess.RunAsync("run", "--once", "-d", cfg.Path);

        foreach (var r in new[] { tools, daemon })
        {
            output.WriteLine(r.ToString());
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains("does not exist on the server: run `satdaemon-tools init-database`", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stdout + r.Stderr);
        }
    }

    private void AssertUnreachable(ToolResult result, int port)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 1, result.ToString());
        // Provider, user, host, port and database, then the cause as the operating system gave it.
        Assert.Contains($"database postgresql sat@127.0.0.1:{port}/satdaemon_nowhere cannot be reached: Connection refused", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
        Assert.DoesNotContain("transient failure", result.Stderr);
        Assert.DoesNotContain("init-database", result.Stderr); // the server is down: creating a database would not help
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("cannot be reached"));
    }

    private void AssertNoSchema(ToolResult result, string db)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"database sqlite {db} does not exist: run `satdaemon-tools init-database` to create it", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
        Assert.False(File.Exists(db), "nothing may be created before the schema is found missing");
    }
}
