using SatDaemon.Tests.Infrastructure;
namespace SatDaemon.Tests.Control;

public sealed class RetryPostgresFacts(PostgresControlDbFixture fixture)
    : RetryFacts(fixture.Db), IClassFixture<PostgresControlDbFixture>, IPostgresProviderFacts;
