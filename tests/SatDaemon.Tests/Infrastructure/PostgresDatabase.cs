using Npgsql;
using SatDaemon.Database;
using SatDaemon.Database.Init;
using SatDaemon.Database.Providers;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// A uniquely named database (sdt_xxxxxxxx) on the test PostgreSQL server, dropped WITH (FORCE) on dispose,
/// so tests never share state and may leave connections open.
/// </summary>
public sealed class PostgresDatabase : ITestDatabase
{
    private PostgresDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.PgConnectionString) { Database = name }.ConnectionString;
        Url = TestEnvironment.PostgresUrl(new NpgsqlConnectionStringBuilder(ConnectionString));
        Factory = new SatDbFactory(DatabaseUrl.Parse(Url, Path.GetTempPath()));
    }

    public TestProvider Provider => TestProvider.Postgres;

    /// <summary>The database's name, sdt_ and 8 hex digits.</summary>
    public string Name { get; }

    /// <summary>Npgsql connection string of this database.</summary>
    public string ConnectionString { get; }

    /// <summary>postgresql://user:password@host:port/sdt_xxxxxxxx, for a config file.</summary>
    public string Url { get; }

    public SatDbFactory Factory { get; }

    /// <summary>
    /// Creates an empty database (or, with <paramref name="initialize"/>, one with schema and stages: a copy of the
    /// template, see <see cref="DatabaseTemplate"/>).
    /// </summary>
    public static async Task<PostgresDatabase> CreateAsync(bool initialize = false, CancellationToken ct = default)
    {
        var db = Reserve();
        if (initialize)
        {
            await DatabaseTemplate.CreateAsync(db.Factory, ct);
            return db;
        }
        await using (var conn = await OpenAdminAsync(ct))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{db.Name}\"", conn))
            await create.ExecuteNonQueryAsync(ct);
        return db;
    }

    /// <summary>A fresh name only; the database does not exist until something (init-database) creates it.</summary>
    public static PostgresDatabase Reserve() => new("sdt_" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>init-database's own initializer (create, migrate, seed): for tests about it; others copy the template.</summary>
    public Task<InitReport> InitializeAsync(CancellationToken ct = default) => new DatabaseInitializer(Factory).InitializeAsync(ct);

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of this test (and of EF) would keep the database in use; FORCE ends them.
        NpgsqlConnection.ClearAllPools();
        await using var conn = await OpenAdminAsync(CancellationToken.None);
        // The name is ours (sdt_ + hex), so building the statement from it is safe; DDL takes no parameters.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(CancellationToken ct)
    {
        var conn = new NpgsqlConnection(TestEnvironment.AdminConnectionString());
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await conn.DisposeAsync();
            throw new InvalidOperationException(
                $"test PostgreSQL not reachable with {TestEnvironment.PgEnv}='{Redacted(TestEnvironment.PgConnectionString)}': {e.Message}. "
                + "Start tests/services/start.sh (CI needs it; outside CI PostgreSQL tests skip when it is absent).", e);
        }
    }

    private static string Redacted(string cs) =>
        new NpgsqlConnectionStringBuilder(cs) { Password = null }.ConnectionString;

    public override string ToString() => Factory.Url.DisplayName;
}
