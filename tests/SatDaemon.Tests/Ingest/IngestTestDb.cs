using SatDaemon.Database;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

/// <summary>
/// A fresh, initialised processing database for one ingest or frame test (the shared <see cref="TestDatabases"/>),
/// with a temp folder beside it for zips and frame folders. The Ingest and Frames theories name providers by string.
/// </summary>
internal sealed class IngestTestDb : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    private readonly ITestDatabase _db;

    private IngestTestDb(ITestDatabase db, TempDirectory temp)
    {
        _db = db;
        Temp = temp;
    }

    public string Url => _db.Url;

    public TempDirectory Temp { get; }

    public SatDbFactory Factory => _db.Factory;

    /// <summary>Providers to run each case on: PostgreSQL only when it answers, or always under CI (where its absence must fail).</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (TestEnvironment.PostgresAvailable || TestEnvironment.IsCi) data.Add(Postgres);
            return data;
        }
    }

    /// <summary>Why PostgreSQL does not answer, or null when it does.</summary>
    public static string? PostgresProblem => TestEnvironment.PostgresUnavailableReason;

    /// <summary>Why PostgreSQL cases are left out, or null when they run.</summary>
    public static string? PostgresSkipReason => TestEnvironment.PostgresSkipReason;

    public static async Task<IngestTestDb> CreateAsync(string provider)
    {
        var db = await TestDatabases.CreateAsync(provider == Postgres ? TestProvider.Postgres : TestProvider.Sqlite);
        return new IngestTestDb(db, new TempDirectory());
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Temp.Dispose();
    }
}
