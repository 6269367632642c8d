namespace SatDaemon.Tests.Control;

public sealed class RetrySqliteFacts(SqliteControlDbFixture fixture)
    : RetryFacts(fixture.Db), IClassFixture<SqliteControlDbFixture>;
