using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SatDaemon.Database;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>The job-related tables as text, for the message of a failed integration test.</summary>
public static class TableDump
{
    private const int MaxRows = 100;

    /// <summary>
    /// pending_jobs, running_jobs, failed_jobs, master, ifg, rsar_ifg, frames (first 100 rows each) and the last 50
    /// job_events. Never throws: a table that cannot be read shows its error instead, since this runs while a test fails.
    /// </summary>
    public static async Task<string> DumpAsync(SatDbFactory factory, CancellationToken ct = default)
    {
        var sb = new StringBuilder($"--- tables of {factory.Url.DisplayName} ---\n");
        try
        {
            await using var db = factory.Create();
            await Table(sb, "pending_jobs", () => db.PendingJobs.AsNoTracking().OrderBy(x => x.Id).Take(MaxRows + 1).ToListAsync(ct));
            await Table(sb, "running_jobs", () => db.RunningJobs.AsNoTracking().OrderBy(x => x.Id).Take(MaxRows + 1).ToListAsync(ct));
            await Table(sb, "failed_jobs", () => db.FailedJobs.AsNoTracking().OrderBy(x => x.Id).Take(MaxRows + 1).ToListAsync(ct));
            await Table(sb, "master", () => db.Master.AsNoTracking().OrderBy(x => x.Id).Take(MaxRows + 1).ToListAsync(ct));
            await Table(sb, "ifg", () => db.Ifg.AsNoTracking().OrderBy(x => x.Id).Take(MaxRows + 1).ToListAsync(ct));
            await Table(sb, "rsar_ifg", () => db.RsarIfg.AsNoTracking().OrderBy(x => x.Id).Take(MaxRows + 1).ToListAsync(ct));
            await Table(sb, "frames", () => db.Frames.AsNoTracking().OrderBy(x => x.Id).Take(MaxRows + 1).ToListAsync(ct));
            await Table(sb, "job_events (last 50)", async () =>
            {
                var last = await db.JobEvents.AsNoTracking().OrderByDescending(x => x.Id).Take(50).ToListAsync(ct);
                last.Reverse();
                return last;
            });
        }
        catch (Exception e)
        {
            sb.Append("cannot open the database: ").Append(e.Message).Append('\n');
        }
        return sb.ToString();
    }

    private static async Task Table<T>(StringBuilder sb, string name, Func<Task<List<T>>> read)
    {
        sb.Append(name).Append(':');
        List<T> rows;
        try { rows = await read(); }
        catch (Exception e)
        {
            sb.Append(" cannot be read: ").Append(e.Message).Append('\n');
            return;
        }
        if (rows.Count == 0)
        {
            sb.Append(" (empty)\n");
            return;
        }
        sb.Append('\n');
        var props = typeof(T).GetProperties();
        foreach (var row in rows.Take(MaxRows))
        {
            sb.Append("  ");
            sb.AppendJoin(' ', props.Select(p => $"{p.Name}={Format(p.GetValue(row))}"));
            sb.Append('\n');
        }
        if (rows.Count > MaxRows) sb.Append("  … more rows\n");
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        // Whole polygons would drown the rows; the type and box say enough to tell frames apart.
        Geometry g => $"{g.GeometryType}{g.EnvelopeInternal}",
        string s => s.Contains(' ') ? $"\"{s}\"" : s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
