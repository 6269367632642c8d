using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Providers;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The one writer of the requests operators and jobs leave for the daemon in daemon_tools: rebuild the job list, power
/// down. Each is a single statement inside the caller's transaction, so a request commits with the change it is for.
/// The daemon's clears are here too (through DaemonStore), so every daemon_tools flag has this one writer.
/// </summary>
public static class DaemonFlags
{
    /// <summary>Asks the daemon to rebuild its job list at once, in the light of a change in this transaction.</summary>
    public static async Task RequestJobListAsync(SatDbContext db, CancellationToken ct)
    {
        // init-database creates the row; a database made some other way may lack it. An upsert, not update-then-insert:
        // two writers that both find the row missing would otherwise race on the primary key, and one would fail.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO daemon_tools (id, recreate_joblist, power_down) VALUES (1, {true}, {false}) ON CONFLICT (id) DO UPDATE SET recreate_joblist = {true}",
            ct);
        await NotifyAsync(db, "joblist", ct);
    }

    /// <summary>
    /// Asks the daemon to rebuild one frame's part of the job list, in the light of a change in this transaction that
    /// touches only that frame (a job's end, a ctl change of the frame, new dates). Every rule of DESIGN §5 reads only
    /// the frame's own rows (master, ifg, rsar_ifg, the frame's settings), so rebuilding that frame is complete; changes
    /// with no frame or several use the whole-list request above.
    /// </summary>
    /// <remarks>
    /// An upsert that UPDATEs an existing row rather than DO NOTHING: the update locks the row until this transaction
    /// ends, so the daemon's delete that takes the frame (<see cref="TakeDirtyFramesAsync"/>) waits for the commit and
    /// the rebuild after it sees the change. With DO NOTHING the daemon could take the row while this change is still
    /// uncommitted, read the frame without it, and the change would wait for the timed full rebuild.
    /// </remarks>
    public static async Task RequestJobListAsync(SatDbContext db, string frameId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO joblist_dirty_frames (frame_id) VALUES ({frameId}) ON CONFLICT (frame_id) DO UPDATE SET frame_id = excluded.frame_id",
            ct);
        await NotifyAsync(db, "frame", ct);
    }

    /// <summary>
    /// Asks the daemon to cancel pending jobs, launch nothing more, wait for running jobs and exit; the job-list request
    /// with it makes the next pass start at once. Columns are set, not the row saved: the daemon writes its heartbeat
    /// to the same row meanwhile.
    /// </summary>
    public static async Task RequestPowerDownAsync(SatDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO daemon_tools (id, recreate_joblist, power_down) VALUES (1, {true}, {true}) ON CONFLICT (id) DO UPDATE SET recreate_joblist = {true}, power_down = {true}",
            ct);
        await NotifyAsync(db, "power-down", ct);
    }

    /// <summary>
    /// Wakes a daemon waiting between passes (<see cref="Daemon.PassWakeup"/> LISTENs on this channel). In the caller's
    /// transaction on purpose: PostgreSQL delivers a transaction's notifications only when it commits (and drops them
    /// when it rolls back), so the daemon never wakes before the change and the flag above are visible to it. A notify
    /// sent on its own could wake a pass that still reads the old state and then sleeps with the change unseen.
    /// Notifications with the same payload in one transaction are folded into one. SQLite has no NOTIFY: the daemon's
    /// glance at daemon_tools is its wake-up there.
    /// </summary>
    private static async Task NotifyAsync(SatDbContext db, string payload, CancellationToken ct)
    {
        if (db is not PostgresSatDbContext) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Daemon.PassWakeup.Channel}, {payload})", ct);
    }

    /// <summary>The daemon takes up a job-list request: cleared before the rebuild reads, so a change made during it asks again.</summary>
    public static Task ClearJobListRequestAsync(SatDbContext db, CancellationToken ct) =>
        db.DaemonTools.Where(d => d.Id == 1 && d.RecreateJoblist)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RecreateJoblist, false), ct);

    /// <summary>
    /// The daemon takes up the frames asked for: deletes every dirty-frame row and returns their frames, in one statement
    /// before the rebuild reads the stage tables, so a change committed during the rebuild marks its frame again.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TakeDirtyFramesAsync(SatDbContext db, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<string>("DELETE FROM joblist_dirty_frames RETURNING frame_id AS \"Value\"").ToListAsync(ct);

    /// <summary>The daemon has powered down: cleared on its way out, so that the next start does not power down at once.</summary>
    public static Task ClearPowerDownAsync(SatDbContext db, CancellationToken ct) =>
        db.DaemonTools.Where(d => d.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.PowerDown, false), ct);
}
