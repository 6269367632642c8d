using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Frames;

/// <summary>
/// Master + ifg + rsar_ifg rows per frame and proc_status, read from frame_row_counts: the table the database's own
/// triggers keep on every insert, delete and status change of those rows (migration FrameRowCounts). Triggers, not a
/// C# writer, because rows are inserted by frame creation and ingest, moved by ProcRowTransitions and deleted by a
/// frame's cascade: only the database sees all of them, inside the writer's own transaction, so the counts are exact.
/// Reading them is O(frames × statuses) where a GROUP BY over the rows read 3.6·10^5 index entries per request.
/// </summary>
public static class FrameRowCounts
{
    /// <summary>Counts by frame (all frames, or only <paramref name="frameId"/>), then by proc_status; zero counts left out.</summary>
    public static async Task<Dictionary<string, Dictionary<int, int>>> ReadAsync(SatDbContext db, string? frameId, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "SELECT frame_id, proc_status, row_count FROM frame_row_counts WHERE row_count <> 0"
            + (frameId is null ? "" : " AND frame_id = @frame");
        if (frameId is not null) AddParameter(cmd, "@frame", frameId);
        var result = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var frame = reader.GetString(0);
            if (!result.TryGetValue(frame, out var byStatus)) result[frame] = byStatus = [];
            byStatus[Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)] =
                Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
