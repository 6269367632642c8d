using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;

namespace SatDaemon.Web.Hosting;

/// <summary>
/// A cheap "has anything the live pages show changed" value, read before a poll renders anything (see
/// <see cref="UnchangedCheck"/>). On PostgreSQL it is the server's write-ahead-log insert position: every change to a
/// row inserts a WAL record before its commit returns, so a position that has not moved means no committed change
/// anywhere in the cluster (no table of ours is UNLOGGED). The insert position, not pg_current_wal_lsn (the write
/// position): with synchronous_commit = off a commit returns before its WAL is written, and the write position would
/// then lag a committed change by up to wal_writer_delay — a poll in that gap was answered "unchanged". It moves for writes to other databases of the cluster and for the daemon's heartbeat
/// too, which only costs a full render, never a stale page. Beside it: the daemon's in-memory insight (machine health,
/// last pass), which changes without a write. SQLite has no such position: null, and every poll renders.
/// </summary>
internal static class DataVersion
{
    public static async Task<string?> ReadAsync(ConsoleData data, CancellationToken ct)
    {
        if (data.Factory.IsSqlite) return null;
        string lsn;
        try
        {
            await using var db = data.Factory.Create();
            lsn = (await db.Database.SqlQueryRaw<string>("SELECT pg_current_wal_insert_lsn()::text AS \"Value\"").ToListAsync(ct))[0];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A standby answers "recovery is in progress"; an unreachable database fails the render as well, which says so.
            return null;
        }
        var s = new StringBuilder(lsn);
        foreach (var m in data.Insight.MachineHealth) s.Append('|').Append(m);
        s.Append('|').Append(data.Insight.LastPass);
        return s.ToString();
    }
}
