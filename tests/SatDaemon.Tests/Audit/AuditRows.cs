using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;

namespace SatDaemon.Tests.Audit;

/// <summary>One audit_log row as the test's own SQL reads it (not through the code under test).</summary>
public sealed record AuditRow(string User, string Source, string Action, string Target, string? Before, string? After)
{
    /// <summary>Reads every audit_log row in the order written, with plain SQL on the context's connection.</summary>
    public static async Task<IReadOnlyList<AuditRow>> ReadAllAsync(SatDbFactory factory)
    {
        await using var db = factory.Create();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT user_name, source, action, target, before, after FROM audit_log ORDER BY id";
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await r.ReadAsync())
            rows.Add(new AuditRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5)));
        return rows;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public override string ToString() => $"{User} via {Source}: {Action} {Target} {Before ?? "-"} -> {After ?? "-"}";
}
