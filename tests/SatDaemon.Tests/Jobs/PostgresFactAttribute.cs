namespace SatDaemon.Tests.Jobs;

/// <summary>A test on the real PostgreSQL: skipped with the reason when the server does not answer, unless $CI is set (then it runs and fails).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.Unavailable is { } reason && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = reason;
    }
}
