using Microsoft.EntityFrameworkCore;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The one writer of the requests operators and jobs leave for the daemon in daemon_tools: rebuild the job list, power
/// down. Each is a single statement inside the caller's transaction, so a request commits with the change it is for.
/// The daemon's clears are here too (through DaemonStore), so every daemon_tools flag has this one writer; the frames
/// marked for a partial rebuild are JobListDirtyFrames' (SatDaemon.JobRecords).
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
    /// with no frame or several use the whole-list request above. The mark is <see cref="JobListDirtyFrames"/>
    /// (SatDaemon.JobRecords, the one writer of joblist_dirty_frames), which a job's end also runs from the native job exec.
    /// </summary>
    public static async Task RequestJobListAsync(SatDbContext db, string frameId, CancellationToken ct) =>
        await JobListDirtyFrames.MarkAsync(await EfJobSql.OfAsync(db, ct), frameId, ct);

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

    /// <summary>Wakes a daemon waiting between passes at commit (see <see cref="JobListDirtyFrames.NotifyAsync"/>).</summary>
    private static async Task NotifyAsync(SatDbContext db, string payload, CancellationToken ct) =>
        await JobListDirtyFrames.NotifyAsync(await EfJobSql.OfAsync(db, ct), payload, ct);

    /// <summary>The daemon takes up a job-list request: cleared before the rebuild reads, so a change made during it asks again.</summary>
    public static Task ClearJobListRequestAsync(SatDbContext db, CancellationToken ct) =>
        db.DaemonTools.Where(d => d.Id == 1 && d.RecreateJoblist)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RecreateJoblist, false), ct);

    /// <summary>The daemon takes up the frames asked for (<see cref="JobListDirtyFrames.TakeAsync"/>), before the rebuild reads.</summary>
    public static async Task<IReadOnlyList<string>> TakeDirtyFramesAsync(SatDbContext db, CancellationToken ct) =>
        await JobListDirtyFrames.TakeAsync(await EfJobSql.OfAsync(db, ct), ct);

    /// <summary>The daemon has powered down: cleared on its way out, so that the next start does not power down at once.</summary>
    public static Task ClearPowerDownAsync(SatDbContext db, CancellationToken ct) =>
        db.DaemonTools.Where(d => d.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.PowerDown, false), ct);
}
