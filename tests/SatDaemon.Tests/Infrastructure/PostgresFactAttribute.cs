namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// A fact that needs the test PostgreSQL. Skipped with a reason only outside CI when the server is absent;
/// under CI it runs and fails, so a missing service can never pass silently.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestEnvironment.PostgresSkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs the test PostgreSQL for every row; skips like <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (TestEnvironment.PostgresSkipReason is { } reason) Skip = reason;
    }
}
