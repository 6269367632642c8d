using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;

namespace SatDaemon.Tests.Audit;

/// <summary>Plain SQL on a test database's connection, to read what was stored without the code under test.</summary>
public static class OwnSql
{
    /// <summary>Every row of <paramref name="sql"/> as strings (null stays null); parameters are @name.</summary>
    public static async Task<IReadOnlyList<string?[]>> RowsAsync(SatDbFactory factory, string sql, params (string Name, object Value)[] args)
    {
        await using var db = factory.Create();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await r.ReadAsync())
        {
            var row = new string?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++)
                row[i] = r.IsDBNull(i) ? null : Text(r.GetValue(i));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Dates as yyyy-MM-dd (a PostgreSQL date comes back as a DateTime at midnight), the rest invariant.</summary>
    private static string? Text(object v) => v switch
    {
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    };
}
