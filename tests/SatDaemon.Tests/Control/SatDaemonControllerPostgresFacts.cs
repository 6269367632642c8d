using SatDaemon.Tests.Infrastructure;
namespace SatDaemon.Tests.Control;

public sealed class SatDaemonControllerPostgresFacts(PostgresControlDbFixture fixture)
    : SatDaemonControllerFacts(fixture.Db), IClassFixture<PostgresControlDbFixture>, IPostgresProviderFacts;
