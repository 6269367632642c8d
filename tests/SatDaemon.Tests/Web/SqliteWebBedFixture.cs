namespace SatDaemon.Tests.Web;

/// <summary>One console over a seeded SQLite database per test class.</summary>
public sealed class SqliteWebBedFixture : IAsyncLifetime
{
    private WebTestBed? _bed;

    public WebTestBed Bed => _bed ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync() => _bed = await WebTestBed.StartAsync(postgres: false);

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }
}
