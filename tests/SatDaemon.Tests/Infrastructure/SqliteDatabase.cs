using Microsoft.Data.Sqlite;
using SatDaemon.Database;
using SatDaemon.Database.Init;
using SatDaemon.Database.Providers;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>A SQLite database file in its own temp folder (sqlite:////abs/path.db); the folder goes on dispose.</summary>
public sealed class SqliteDatabase : ITestDatabase, IDisposable
{
    public SqliteDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sdt-sqlite-").FullName;
        FilePath = Path.Combine(Directory, "satdaemon.db");
        Url = "sqlite:///" + FilePath;
        Factory = new SatDbFactory(DatabaseUrl.Parse(Url, Directory));
    }

    public TestProvider Provider => TestProvider.Sqlite;

    /// <summary>Folder holding the file (and its -wal/-shm companions).</summary>
    public string Directory { get; }

    /// <summary>Absolute path of the database file; it exists once something has opened it.</summary>
    public string FilePath { get; }

    /// <summary>sqlite:////abs/path/satdaemon.db (four slashes: absolute path).</summary>
    public string Url { get; }

    public SatDbFactory Factory { get; }

    public Task<InitReport> InitializeAsync(CancellationToken ct = default) => new DatabaseInitializer(Factory).InitializeAsync(ct);

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a process of the test still holds it; the temp folder is cleaned later */ }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Factory.Url.DisplayName;
}
