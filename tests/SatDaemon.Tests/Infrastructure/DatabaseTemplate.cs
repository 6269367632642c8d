using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Database;
using SatDaemon.Database.Init;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// Initialised test databases copied from a template instead of migrated one by one: PostgreSQL clones
/// <see cref="PostgresTemplateName"/> with CREATE DATABASE … TEMPLATE, SQLite copies a file made once per test run. The
/// template is exactly what init-database makes (schema, PostGIS, seeded stages, daemon_tools, the job id row); each copy
/// then gets its own installation identity, as a copied database must (an identity shared by two databases would let
/// one installation's daemon adopt or stop the other's jobs). Tests about init-database or migrating itself keep using
/// <see cref="ITestDatabase.InitializeAsync"/>. SATDAEMON_TEST_NO_TEMPLATE=1 migrates every database as before (to compare).
/// </summary>
public static class DatabaseTemplate
{
    /// <summary>Off by SATDAEMON_TEST_NO_TEMPLATE=1: every database is migrated by the initializer.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("SATDAEMON_TEST_NO_TEMPLATE") is not ("1" or "true");

    /// <summary>
    /// satdaemon_test_template_ and the schema assembly's module version id (deterministic builds: it changes exactly when
    /// SatDaemon.Database's content does), so worktrees with different schemas sharing one server never clone each
    /// other's, and an unchanged build reuses the template of an earlier run.
    /// </summary>
    public static string PostgresTemplateName { get; } =
        "satdaemon_test_template_" + typeof(SatDbFactory).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    // Any fixed 64-bit key: the advisory lock that lets one test process (of any worktree) make a template at a time.
    private const long TemplateLockKey = 0x5A7D_7E57_7E3B_1A7E;

    private static readonly SemaphoreSlim PostgresGate = new(1, 1);
    private static volatile bool _postgresReady;
    private static readonly Lazy<Task<string>> SqliteTemplate = new(MakeSqliteTemplateAsync);

    /// <summary>
    /// Makes the (not yet existing) database of <paramref name="factory"/> what init-database would make: a copy of the
    /// template, or, with the template off, by the initializer itself.
    /// </summary>
    public static async Task CreateAsync(SatDbFactory factory, CancellationToken ct = default)
    {
        if (!Enabled)
        {
            await new DatabaseInitializer(factory).InitializeAsync(ct);
            return;
        }
        if (factory.IsSqlite)
        {
            var path = new SqliteConnectionStringBuilder(factory.Url.ConnectionString).DataSource;
            // A file some test made already is initialised in place, as init-database would.
            if (File.Exists(path)) await new DatabaseInitializer(factory).InitializeAsync(ct);
            else await CopySqliteAsync(path, ct);
        }
        else if (!await ClonePostgresAsync(new NpgsqlConnectionStringBuilder(factory.Url.ConnectionString), ct))
            await new DatabaseInitializer(factory).InitializeAsync(ct);
    }

    /// <summary>False when the database exists already (a test made it empty and hands its URL over): it is initialised instead.</summary>
    private static async Task<bool> ClonePostgresAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        await EnsurePostgresTemplateAsync(ct);
        await using (var conn = new NpgsqlConnection(TestEnvironment.AdminConnectionString()))
        {
            await conn.OpenAsync(ct);
            if (await ExistsAsync(conn, target.Database!, ct)) return false;
            // DDL takes no parameters: the names are quoted as identifiers instead.
            await ExecAsync(conn, $"CREATE DATABASE {Quoted(target.Database!)} TEMPLATE {Quoted(PostgresTemplateName)}", ct);
        }
        target.Pooling = false;
        await using var own = new NpgsqlConnection(target.ConnectionString);
        await own.OpenAsync(ct);
        await NewIdentityAsync(own, ct);
        return true;
    }

    private static async Task CopySqliteAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(await SqliteTemplate.Value, path);
        await using var own = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await own.OpenAsync(ct);
        await NewIdentityAsync(own, ct);
    }

    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static async Task NewIdentityAsync(System.Data.Common.DbConnection conn, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "UPDATE daemon_tools SET instance_id = @id WHERE id = 1";
        var p = cmd.CreateParameter();
        p.ParameterName = "id";
        p.Value = InstanceIdentity.New();
        cmd.Parameters.Add(p);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) throw new InvalidOperationException("the template database has no daemon_tools row");
    }

    private static async Task EnsurePostgresTemplateAsync(CancellationToken ct)
    {
        if (_postgresReady) return;
        await PostgresGate.WaitAsync(ct);
        try
        {
            if (_postgresReady) return;
            await using var conn = new NpgsqlConnection(TestEnvironment.AdminConnectionString() + ";Command Timeout=300");
            await conn.OpenAsync(ct);
            // Session-level advisory lock: another test process (this worktree's or another's) making the same template
            // waits here, then finds it made. Released when this connection closes.
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock(@k)", conn))
            {
                lockCmd.Parameters.AddWithValue("k", TemplateLockKey);
                await lockCmd.ExecuteNonQueryAsync(ct);
            }
            if (!await ExistsAsync(conn, PostgresTemplateName, ct)) await MakePostgresTemplateAsync(conn, ct);
            _postgresReady = true;
        }
        finally
        {
            PostgresGate.Release();
        }
    }

    /// <summary>
    /// init-database's initializer on a scratch database, renamed to the template's name only once complete, so a run
    /// killed half way never leaves a half-made template to be cloned.
    /// </summary>
    private static async Task MakePostgresTemplateAsync(NpgsqlConnection admin, CancellationToken ct)
    {
        var scratch = PostgresDatabase.Reserve();
        await ExecAsync(admin, $"CREATE DATABASE {Quoted(scratch.Name)}", ct);
        await new DatabaseInitializer(scratch.Factory).InitializeAsync(ct);
        NpgsqlConnection.ClearAllPools();
        // No session may stay in a database that is renamed or used as a template.
        await ExecAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{scratch.Name}' AND pid <> pg_backend_pid()", ct);
        await ExecAsync(admin, $"ALTER DATABASE {Quoted(scratch.Name)} RENAME TO {Quoted(PostgresTemplateName)}", ct);
        await ExecAsync(admin, $"ALTER DATABASE {Quoted(PostgresTemplateName)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false", ct);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection admin, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
        cmd.Parameters.AddWithValue("n", name);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One initialised file per test process, its write-ahead log folded in so that copying the file copies it all.</summary>
    private static async Task<string> MakeSqliteTemplateAsync()
    {
        var template = new SqliteDatabase();
        await template.InitializeAsync();
        await using (var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = template.FilePath, Pooling = false }.ConnectionString))
        {
            await conn.OpenAsync();
            await using var checkpoint = conn.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        // The folder is the test process's: left for the temp cleaner, as a test database whose file is still open is.
        return template.FilePath;
    }
}
