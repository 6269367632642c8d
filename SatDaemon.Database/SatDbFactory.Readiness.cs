using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Database.Providers;

namespace SatDaemon.Database;

// Is the database there, answering, and initialised? Asked before anything opens it through EF, because opening a
// SQLite file creates it: a daemon started in the wrong folder must not leave an empty satdaemon.db behind.
public sealed partial class SatDbFactory
{
    /// <summary>The table init-database creates and every command reads: its absence means "never initialised".</summary>
    private const string MarkerTable = "daemon_tools";

    /// <summary>Throws <see cref="DatabaseUnavailableException"/> unless the database answers and holds SatDaemon's schema. Creates nothing.</summary>
    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        try
        {
            var hasSchema = IsSqlite ? await SqliteHasSchemaAsync(ct) : await PostgresHasSchemaAsync(ct);
            if (!hasSchema) throw DatabaseUnavailableException.NoSchema(Url, $"has no SatDaemon schema (no table {MarkerTable})");
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not DatabaseUnavailableException
                                  && DatabaseUnavailableException.From(Url, e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private async Task<bool> SqliteHasSchemaAsync(CancellationToken ct)
    {
        var path = new SqliteConnectionStringBuilder(Url.ConnectionString).DataSource;
        if (!File.Exists(path)) throw DatabaseUnavailableException.NoSchema(Url, "does not exist");
        // Read-only: a file that is there but unreadable must fail here, not be "repaired" by SQLite.
        var cs = new SqliteConnectionStringBuilder(Url.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
        await using var conn = new SqliteConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        cmd.Parameters.AddWithValue("$name", MarkerTable);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) > 0;
    }

    private async Task<bool> PostgresHasSchemaAsync(CancellationToken ct)
    {
        // No pool and no retries: one honest attempt, so a server that is down is said at once, not after EF's retries.
        var cs = new NpgsqlConnectionStringBuilder(Url.ConnectionString) { Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", conn);
        cmd.Parameters.AddWithValue("name", MarkerTable);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }
}
