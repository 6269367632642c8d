using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Trends;

/// <summary>
/// Launched, finished and failed job events per UTC hour and job type, from job_event_hours: the table the database's
/// trigger adds every such job_events insert to (migration JobEventHours). A 30-day chart reads at most 720 hours × kinds
/// × types rows here, where counting job_events read every event of the window.
/// </summary>
public static class JobEventHours
{
    /// <summary>One hour's count of one kind and job type ("?" for an event that names none).</summary>
    public sealed record Count(DateTime Hour, string Kind, string JobType, long Events);

    /// <summary>Hours from <paramref name="from"/> (UTC, its hour included) on.</summary>
    public static async Task<IReadOnlyList<Count>> SinceAsync(SatDbContext db, DateTime from, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "SELECT hour, kind, job_type, events FROM job_event_hours WHERE hour >= @from";
        var p = cmd.CreateParameter();
        p.ParameterName = "@from";
        p.Value = Key(from);
        cmd.Parameters.Add(p);
        var result = new List<Count>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new Count(
                DateTime.SpecifyKind(DateTime.ParseExact(reader.GetString(0), "yyyy-MM-dd HH", CultureInfo.InvariantCulture), DateTimeKind.Utc),
                reader.GetString(1), reader.GetString(2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
        return result;
    }

    /// <summary>An hour as the table keys it: "2026-12-07 14" (UTC); text so both providers compare it alike.</summary>
    public static string Key(DateTime t) => t.ToString("yyyy-MM-dd HH", CultureInfo.InvariantCulture);
}
