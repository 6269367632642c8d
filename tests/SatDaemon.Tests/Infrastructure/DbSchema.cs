using System.Data.Common;
using SatDaemon.Database;
using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>Reads the tables and columns a database really has (information_schema on PostgreSQL, pragma_table_info on SQLite).</summary>
public static class DbSchema
{
    private const string PostgresColumns =
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'";

    private const string SqliteColumns =
        "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table'";

    /// <summary>Table name → its column names.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ColumnsAsync(SatDbFactory factory, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await using DbCommand cmd = conn.CreateCommand();
        cmd.CommandText = factory.IsSqlite ? SqliteColumns : PostgresColumns;
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var cols)) tables[table] = cols = new HashSet<string>(StringComparer.Ordinal);
            cols.Add(reader.GetString(1));
        }
        return tables.ToDictionary(t => t.Key, t => (IReadOnlySet<string>)t.Value);
    }
}
