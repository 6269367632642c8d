using SatDaemon.Tests.Infrastructure;
namespace SatDaemon.Tests.Control;

/// <summary>One throw-away PostgreSQL database per test class; none when PostgreSQL is absent (the tests skip then).</summary>
public sealed class PostgresControlDbFixture : IAsyncLifetime
{
    private ControlTestDb? _db;

    public ControlTestDb Db => _db ?? throw new InvalidOperationException("PostgreSQL test database not created: " + TestServices.SkipReason(Needs.Postgres));

    public async Task InitializeAsync()
    {
        // xUnit builds class fixtures even when every test of the class is skipped.
        if (TestServices.SkipReason(Needs.Postgres) is null) _db = await ControlTestDb.CreatePostgresAsync();
    }

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }
}
