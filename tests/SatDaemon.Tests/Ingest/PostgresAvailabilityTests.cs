using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

/// <summary>Makes the absence of PostgreSQL visible as a skipped test with its reason, since the PostgreSQL cases are then left out.</summary>
public sealed class PostgresAvailabilityTests
{
    [PostgresFact]
    public void Postgres_cases_of_ingest_and_frame_tests_run() => Assert.Null(IngestTestDb.PostgresProblem);
}
