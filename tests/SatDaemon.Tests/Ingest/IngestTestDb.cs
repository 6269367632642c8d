using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Database;
using SatDaemon.Database.Init;
using SatDaemon.Database.Providers;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

/// <summary>
/// A fresh, initialised processing database for one ingest or frame test: a SQLite file in a temp directory,
/// or a throw-away PostgreSQL database sdt_{guid8} (server from SATDAEMON_TEST_PG_URL) dropped WITH (FORCE)
/// on dispose. Private to the Ingest and Frames tests while the shared test infrastructure is being written.
/// </summary>
internal sealed class IngestTestDb : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";
    private const string DefaultPgUrl = "postgresql://satdaemon:satdaemon@127.0.0.1:55432/satdaemon_test";

    private static readonly Lazy<string?> PgProblem = new(ProbePostgres);
    private readonly string? _pgDatabase;

    private IngestTestDb(string url, TempDirectory temp, string? pgDatabase)
    {
        Url = url;
        Temp = temp;
        _pgDatabase = pgDatabase;
        Factory = new SatDbFactory(DatabaseUrl.Parse(url, temp.FullPath));
    }

    public string Url { get; }

    public TempDirectory Temp { get; }

    public SatDbFactory Factory { get; }

    /// <summary>Providers to run each case on: PostgreSQL only when it answers, or always under CI (where its absence must fail).</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (PgProblem.Value is null || IsCi) data.Add(Postgres);
            return data;
        }
    }

    /// <summary>Why PostgreSQL does not answer, or null when it does.</summary>
    public static string? PostgresProblem => PgProblem.Value;

    /// <summary>Why PostgreSQL cases are left out, or null when they run.</summary>
    public static string? PostgresSkipReason => PgProblem.Value is { } p && !IsCi ? p : null;

    private static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    private static string PgUrl => Environment.GetEnvironmentVariable("SATDAEMON_TEST_PG_URL") is { Length: > 0 } u ? u : DefaultPgUrl;

    public static async Task<IngestTestDb> CreateAsync(string provider)
    {
        var temp = new TempDirectory();
        IngestTestDb db;
        if (provider == Postgres)
        {
            var name = "sdt_" + Guid.NewGuid().ToString("N")[..8];
            await using (var admin = new NpgsqlConnection(AdminConnectionString()))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
            db = new IngestTestDb(new UriBuilder(PgUrl) { Path = "/" + name }.Uri.ToString(), temp, name);
        }
        else
        {
            db = new IngestTestDb("sqlite:///" + temp.Path("sat.db"), temp, null);
        }
        await new DatabaseInitializer(db.Factory).InitializeAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(AdminConnectionString());
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            // Pooled connections keep the file open; release them before the directory goes.
            SqliteConnection.ClearAllPools();
        }
        Temp.Dispose();
    }

    private static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(DatabaseUrl.Parse(PgUrl, "/").ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static string? ProbePostgres()
    {
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(AdminConnectionString()) { Timeout = 3 }.ConnectionString;
            using var conn = new NpgsqlConnection(cs);
            conn.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return $"PostgreSQL at {DatabaseUrl.Parse(PgUrl, "/").DisplayName} not reachable ({e.Message}); set SATDAEMON_TEST_PG_URL or start the test cluster";
        }
    }
}
