using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Database;

/// <summary>
/// satdaemon-tools init-database against real databases: as a real process where it creates a PostgreSQL database
/// with PostGIS, in-process (<see cref="ToolInProcess"/>: same parser, command and exit codes) for the rest.
/// </summary>
public class InitDatabaseToolFacts
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Init_database_creates_every_table_and_eleven_stages_and_a_second_run_changes_nothing(TestProvider provider)
    {
        await using var db = TestDatabases.Reserve(provider);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));

        var first = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("11 processing stages seeded", first.Stdout);
        var schema = await DbSchema.ColumnsAsync(db.Factory);
        Assert.All(DesignSchema.Tables.Keys, t => Assert.True(schema.ContainsKey(t), $"table {t} missing after init-database"));
        Assert.Equal(11, await StageCountAsync(db));

        var second = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("nothing changed", second.Stdout);
        Assert.Equal(11, await StageCountAsync(db));
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Init_database_creates_a_missing_postgres_database_with_postgis()
    {
        await using var db = PostgresDatabase.Reserve();
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));

        var result = await ToolProcess.RunAsync("init-database", "-d", cfg.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("database created", result.Stdout);
        Assert.DoesNotContain("Password", result.Stdout + result.Stderr);
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT extname FROM pg_extension WHERE extname = 'postgis'", conn);
        Assert.Equal("postgis", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Init_database_puts_a_relative_sqlite_file_next_to_the_config()
    {
        using var cfg = TempConfig.Write(new ConfigText(database: "sqlite:///db/satdaemon.db"));

        var result = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(cfg.Directory, "db", "satdaemon.db")), result.ToString());
    }

    [Fact]
    public async Task Init_database_with_a_bad_config_exits_2_naming_file_section_and_key()
    {
        using var cfg = TempConfig.Write(new ConfigText().Set("PROC_MACHINES:m01", "cpus", "lots"));

        var result = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path);

        Assert.True(result.ExitCode == 2, result.ToString()); // DESIGN §13: 2 usage or config
        Assert.Contains($"{cfg.Path} [PROC_MACHINES:m01] cpus", result.Stderr);
        Assert.Contains("'lots'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // one clear line, no stack trace
        Assert.False(File.Exists(Path.Combine(cfg.Directory, "satdaemon.db")), "a bad config must not create the database");
    }

    [Fact]
    public async Task Init_database_with_a_missing_config_file_exits_2_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "sdt-missing-" + Guid.NewGuid().ToString("N"), "satdaemon.cfg");

        var result = await ToolInProcess.RunAsync("init-database", "-d", path);

        Assert.True(result.ExitCode == 2, result.ToString()); // DESIGN §13: 2 usage or config
        Assert.Contains(path, result.Stderr);
        Assert.Contains("not found", result.Stderr);
    }

    private static async Task<int> StageCountAsync(ITestDatabase db)
    {
        await using var ctx = db.Factory.Create();
        return await ctx.MasterProcStages.CountAsync() + await ctx.IfgProcStages.CountAsync()
            + await ctx.RsarIfgProcStages.CountAsync() + await ctx.FrameProcStages.CountAsync();
    }
}
