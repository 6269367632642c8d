using SatDaemon.Database;
using SatDaemon.Database.Init;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>A throw-away database of either provider; disposing it removes it.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    TestProvider Provider { get; }

    /// <summary>The URL a config file's [PARAMETERS] database takes.</summary>
    string Url { get; }

    SatDbFactory Factory { get; }

    /// <summary>Runs init-database's initializer (create, migrate, seed stages): for tests about it; others copy the template.</summary>
    Task<InitReport> InitializeAsync(CancellationToken ct = default);
}

/// <summary>Creates throw-away databases by provider, for theories that run on both.</summary>
public static class TestDatabases
{
    /// <summary>
    /// A new database; with <paramref name="initialize"/> it has the schema and the seeded stages, copied from the
    /// template (<see cref="DatabaseTemplate"/>) rather than migrated.
    /// </summary>
    public static async Task<ITestDatabase> CreateAsync(TestProvider provider, bool initialize = true, CancellationToken ct = default)
    {
        if (provider == TestProvider.Postgres) return await PostgresDatabase.CreateAsync(initialize, ct);
        var db = new SqliteDatabase();
        if (initialize) await DatabaseTemplate.CreateAsync(db.Factory, ct);
        return db;
    }

    /// <summary>A name only: nothing exists yet (init-database is to create it); disposing removes whatever was made.</summary>
    public static ITestDatabase Reserve(TestProvider provider) =>
        provider == TestProvider.Postgres ? PostgresDatabase.Reserve() : new SqliteDatabase();
}
