using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Control;

/// <summary>Why the control tests' PostgreSQL cases skip (only outside CI, when the test server is absent).</summary>
internal static class ControlPostgres
{
    public static string? SkipReason => TestEnvironment.PostgresSkipReason;
}
