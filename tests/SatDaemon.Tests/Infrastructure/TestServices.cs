using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Jobs;
using SatDaemon.Tests.Web;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>The real services a test needs (tests/services/start.sh starts all of them).</summary>
[Flags]
public enum Needs
{
    /// <summary>The test PostgreSQL + PostGIS server.</summary>
    Postgres = 1,

    /// <summary>The two sshd "machines" on 127.0.0.1 (and PostgreSQL, which every daemon test over SSH uses).</summary>
    Ssh = 2 | Postgres,

    /// <summary>A PostgreSQL cluster the test may stop and start ($SATDAEMON_TEST_PG_DATA/_BIN).</summary>
    PostgresCluster = 4 | Postgres,

    /// <summary>Debian's chromium and chromium-driver.</summary>
    Browser = 8,

    /// <summary>The single-node Slurm cluster ($SLURM_CONF) and PostgreSQL, which every daemon test on Slurm uses.</summary>
    Slurm = 16 | Postgres,
}

/// <summary>
/// The one skip policy of the suite. A test that needs a service is skipped, with the reason, only on a developer's
/// machine where the services were never started. Under CI, or once tests/services/start.sh has run (its
/// services.env is sourced), nothing is skipped: a service that is missing then fails its tests, so a broken setup
/// cannot end "N passed, 0 failed" unseen (test.sh also fails on any skip).
/// </summary>
public static class TestServices
{
    /// <summary>True when tests/services/start.sh's environment is loaded.</summary>
    public static bool Up => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SATDAEMON_TEST_SERVICES_DIR"));

    /// <summary>Why a test needing <paramref name="needs"/> may be skipped here, or null when it must run.</summary>
    public static string? SkipReason(Needs needs)
    {
        if (TestEnvironment.IsCi || Up) return null;
        if (needs.HasFlag(Needs.Postgres) && !TestEnvironment.PostgresAvailable)
            return $"PostgreSQL not reachable ({TestEnvironment.PostgresUnavailableReason}); start tests/services/start.sh or set {TestEnvironment.PgEnv}";
        if (needs.HasFlag(Needs.Ssh) && !SshMachines.Available)
            return "test sshd machines not started (run tests/services/start.sh and source .services/services.env)";
        if (needs.HasFlag(Needs.PostgresCluster) && PostgresCluster.FromEnvironment() is null)
            return $"${PostgresCluster.EnvData} and ${PostgresCluster.EnvBin} do not name a PostgreSQL cluster the test may stop";
        if (needs.HasFlag(Needs.Slurm) && !SlurmCluster.Available)
            return "test Slurm cluster not started (run tests/services/start.sh and source .services/services.env)";
        if (needs.HasFlag(Needs.Browser) && !SystemChromium.Installed)
            return $"{SystemChromium.Browser} or {SystemChromium.Driver} missing: apt-get install chromium chromium-driver (tests/services/start.sh does)";
        return null;
    }
}

/// <summary>A fact that needs real services: <c>[ServiceFact(Needs.Ssh)]</c>. Skips only as <see cref="TestServices"/> allows.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServiceFactAttribute : FactAttribute
{
    public ServiceFactAttribute(Needs needs)
    {
        if (TestServices.SkipReason(needs) is { } reason) Skip = reason;
    }
}

/// <summary>A theory every row of which needs real services; skips like <see cref="ServiceFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServiceTheoryAttribute : TheoryAttribute
{
    public ServiceTheoryAttribute(Needs needs)
    {
        if (TestServices.SkipReason(needs) is { } reason) Skip = reason;
    }
}
