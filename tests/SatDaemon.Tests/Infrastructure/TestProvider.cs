using System.Reflection;
using Xunit.Sdk;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>The database a provider theory row runs on.</summary>
public enum TestProvider { Sqlite, Postgres }

/// <summary>
/// The PostgreSQL row of a provider theory: <c>[Theory, InlineData(TestProvider.Sqlite), PostgresData]</c>.
/// Only this row may be skipped, as <see cref="TestServices"/> allows; the SQLite row always runs.
/// </summary>
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (TestServices.SkipReason(Needs.Postgres) is { } reason) Skip = reason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestProvider.Postgres]];
}
