using SatDaemon.Tests.Infrastructure;
namespace SatDaemon.Tests.Control;

public sealed class StatusPostgresFacts(PostgresControlDbFixture fixture)
    : StatusFacts(fixture.Db), IClassFixture<PostgresControlDbFixture>, IPostgresProviderFacts;
