using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Jobs;

/// <summary>A test that stops and starts the test PostgreSQL: needs the server and $SATDAEMON_TEST_PG_DATA/_BIN; skipped without them unless $CI is set.</summary>
public sealed class PostgresFaultFactAttribute : FactAttribute
{
    public PostgresFaultFactAttribute()
    {
        if (TestEnvironment.IsCi) return;
        if (TestEnvironment.PostgresSkipReason is { } reason) Skip = reason;
        else if (PostgresCluster.FromEnvironment() is null)
            Skip = $"${PostgresCluster.EnvData} and ${PostgresCluster.EnvBin} do not name a PostgreSQL cluster the test may stop";
    }
}
