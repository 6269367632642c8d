namespace SatDaemon.Tests.Control;

/// <summary>One SQLite test database per test class.</summary>
public sealed class SqliteControlDbFixture : IAsyncLifetime
{
    private ControlTestDb? _db;

    public ControlTestDb Db => _db ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync() => _db = await ControlTestDb.CreateSqliteAsync();

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }
}
