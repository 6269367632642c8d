namespace SatDaemon.JobRecords;

/// <summary>
/// The one writer of joblist_dirty_frames, as plain SQL over the caller's connection and transaction: a change that
/// touches one frame (a job's end, a ctl change of the frame, new dates) marks it, and the daemon takes the marks before
/// it rebuilds those frames' part of the job list. DaemonFlags (SatDaemon.Database) calls these through EF's connection;
/// a job's end (<see cref="JobEndRecord"/>) calls the mark on the native job exec's own connection too.
/// </summary>
public static class JobListDirtyFrames
{
    /// <summary>The channel the daemon LISTENs on between passes (PassWakeup), on PostgreSQL.</summary>
    public const string WakeupChannel = "satdaemon";

    /// <summary>
    /// Marks the frame and wakes the daemon at commit. An upsert that UPDATEs an existing row rather than DO NOTHING:
    /// the update locks the row until this transaction ends, so the daemon's delete that takes the frame
    /// (<see cref="TakeAsync"/>) waits for the commit and the rebuild after it sees the change. With DO NOTHING the
    /// daemon could take the row while this change is still uncommitted, read the frame without it, and the change
    /// would wait for the timed full rebuild.
    /// </summary>
    public static async Task MarkAsync(JobSql sql, string frameId, CancellationToken ct)
    {
        await sql.ExecuteAsync(
            "INSERT INTO joblist_dirty_frames (frame_id) VALUES (@frame) ON CONFLICT (frame_id) DO UPDATE SET frame_id = excluded.frame_id", ct,
            ("frame", frameId));
        await NotifyAsync(sql, "frame", ct);
    }

    /// <summary>
    /// The daemon takes up the frames asked for: deletes every mark and returns their frames, in one statement before the
    /// rebuild reads the stage tables, so a change committed during the rebuild marks its frame again.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TakeAsync(JobSql sql, CancellationToken ct) =>
        await sql.QueryAsync("DELETE FROM joblist_dirty_frames RETURNING frame_id", r => r.GetString(0), ct);

    /// <summary>
    /// Wakes a daemon waiting between passes, in the caller's transaction on purpose: PostgreSQL delivers a
    /// transaction's notifications only when it commits (and drops them when it rolls back), so the daemon never wakes
    /// before the change is visible to it. Notifications with the same payload in one transaction are folded into one.
    /// SQLite has no NOTIFY: the daemon's glance at daemon_tools is its wake-up there.
    /// </summary>
    public static async Task NotifyAsync(JobSql sql, string payload, CancellationToken ct)
    {
        if (!sql.IsPostgres) return;
        await sql.ScalarAsync("SELECT pg_notify(@channel, @payload)", ct, ("channel", WakeupChannel), ("payload", payload));
    }
}
