using SatDaemon.Tests.Control;

namespace SatDaemon.Tests.Web;

/// <summary>One console over a seeded PostgreSQL database per test class; none when PostgreSQL is absent (the tests skip then).</summary>
public sealed class PostgresWebBedFixture : IAsyncLifetime
{
    private WebTestBed? _bed;

    public WebTestBed Bed => _bed ?? throw new InvalidOperationException("PostgreSQL test database not created: " + ControlPostgres.SkipReason);

    public async Task InitializeAsync()
    {
        if (ControlPostgres.SkipReason is null) _bed = await WebTestBed.StartAsync(postgres: true);
    }

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }
}
