namespace SatDaemon.Tests.Control;

public sealed class StatusSqliteFacts(SqliteControlDbFixture fixture)
    : StatusFacts(fixture.Db), IClassFixture<SqliteControlDbFixture>;
