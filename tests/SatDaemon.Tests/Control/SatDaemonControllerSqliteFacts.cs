namespace SatDaemon.Tests.Control;

public sealed class SatDaemonControllerSqliteFacts(SqliteControlDbFixture fixture)
    : SatDaemonControllerFacts(fixture.Db), IClassFixture<SqliteControlDbFixture>;
