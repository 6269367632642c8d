using System.Reflection;
using Xunit.Sdk;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>The database a provider theory row runs on.</summary>
public enum TestProvider { Sqlite, Postgres }

/// <summary>
/// The PostgreSQL row of a provider theory: <c>[Theory, InlineData(TestProvider.Sqlite), PostgresData]</c>.
/// Only this row is skipped like <see cref="PostgresFactAttribute"/> (outside CI, server absent); the SQLite row always runs.
/// </summary>
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (TestEnvironment.PostgresSkipReason is { } reason) Skip = reason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestProvider.Postgres]];
}
