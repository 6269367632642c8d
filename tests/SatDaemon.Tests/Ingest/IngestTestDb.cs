using SatDaemon.Database;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

/// <summary>
/// A fresh, initialised processing database for one ingest or frame test (the shared <see cref="TestDatabases"/>),
/// with a temp folder beside it for zips and frame folders.
/// </summary>
internal sealed class IngestTestDb : IAsyncDisposable
{
    private readonly ITestDatabase _db;

    private IngestTestDb(ITestDatabase db, TempDirectory temp)
    {
        _db = db;
        Temp = temp;
    }

    public string Url => _db.Url;

    public TempDirectory Temp { get; }

    public SatDbFactory Factory => _db.Factory;

    public static async Task<IngestTestDb> CreateAsync(TestProvider provider)
    {
        var db = await TestDatabases.CreateAsync(provider);
        return new IngestTestDb(db, new TempDirectory());
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Temp.Dispose();
    }
}
