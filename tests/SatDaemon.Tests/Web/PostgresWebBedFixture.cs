using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Control;

namespace SatDaemon.Tests.Web;

/// <summary>One console over a seeded PostgreSQL database per test class; none when PostgreSQL is absent (the tests skip then).</summary>
public sealed class PostgresWebBedFixture : IAsyncLifetime
{
    private WebTestBed? _bed;

    public WebTestBed Bed => _bed ?? throw new InvalidOperationException("PostgreSQL test database not created: " + TestServices.SkipReason(Needs.Postgres));

    public async Task InitializeAsync()
    {
        if (TestServices.SkipReason(Needs.Postgres) is null) _bed = await WebTestBed.StartAsync(postgres: true);
    }

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }
}
