using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Api;
using SatDaemon.Configuration;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;

namespace SatDaemon.Control;

/// <summary>
/// The seed's SatDaemonController: frame settings, priority, range, power-down, retry and status.
/// Every change is one transaction that also sets daemon_tools.recreate_joblist, so a running
/// daemon rebuilds its job list in the light of it on its next pass.
/// </summary>
public sealed partial class SatDaemonController
{
    private readonly SatDbFactory _factory;
    private readonly SatDatabase _db;
    private readonly TimeProvider _time;

    public SatDaemonController(SatDbFactory factory, TimeProvider? time = null)
    {
        _factory = factory;
        _db = new SatDatabase(factory);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>On: every stage up to ingest runs. Off: nothing runs.</summary>
    public Task<SettingChange> SetFullProcAsync(string frameId, bool on, CancellationToken ct = default) =>
        SetProcLevelAsync(frameId, on ? ProcLevel.Full : ProcLevel.Off, ct);

    /// <summary>On: download stages only. Off: nothing runs.</summary>
    public Task<SettingChange> SetDownloadAsync(string frameId, bool on, CancellationToken ct = default) =>
        SetProcLevelAsync(frameId, on ? ProcLevel.Download : ProcLevel.Off, ct);

    /// <summary>On: up to the end of SatSAR. Off: nothing runs.</summary>
    public Task<SettingChange> SetSatsarAsync(string frameId, bool on, CancellationToken ct = default) =>
        SetProcLevelAsync(frameId, on ? ProcLevel.Satsar : ProcLevel.Off, ct);

    /// <summary>On: up to unwrap, no time series. Off: nothing runs.</summary>
    public Task<SettingChange> SetTilTimeseriesAsync(string frameId, bool on, CancellationToken ct = default) =>
        SetProcLevelAsync(frameId, on ? ProcLevel.TilTimeseries : ProcLevel.Off, ct);

    public Task<SettingChange> SetProcLevelAsync(string frameId, ProcLevel level, CancellationToken ct = default) =>
        ChangeFrameAsync(frameId, "proc_level", f => f.ProcLevel.ToName(), f => f.ProcLevel = level, ct);

    /// <summary>
    /// On: initial processing only; once the first time series exists, newer dates get no jobs. Like the seed's
    /// set_frame_noupdate ("turn frame on, but only initial processing"), on also switches an off frame to full, in the
    /// same transaction; a frame already on keeps its level. Off changes only the flag.
    /// </summary>
    public Task<SettingChange> SetNoUpdateAsync(string frameId, bool noUpdate, CancellationToken ct = default) =>
        _db.ScopeAsync(async db =>
        {
            var frame = await RequireFrameAsync(db, frameId, ct);
            var change = Change(frame, "noupdate", f => OnOff(f.NoUpdate), f => f.NoUpdate = noUpdate);
            if (noUpdate && frame.ProcLevel == ProcLevel.Off)
                change = change with
                {
                    Also = Change(frame, "proc_level", f => f.ProcLevel.ToName(), f => f.ProcLevel = ProcLevel.Full)
                        with { Because = "noupdate on turns an off frame on, for initial processing only" },
                };
            await DaemonFlags.RequestJobListAsync(db, ct);
            return change;
        }, ct);

    /// <summary>Dates outside start..end get no jobs; null leaves that side open. End before start is refused.</summary>
    public Task<SettingChange> SetProcRangeAsync(string frameId, DateOnly? start, DateOnly? end, CancellationToken ct = default)
    {
        if (start is { } s && end is { } e && e < s)
            throw new FrameException($"proc range of {frameId}: end {e:yyyy-MM-dd} is before start {s:yyyy-MM-dd}");
        return ChangeFrameAsync(frameId, "proc range", ShowRange, f => { f.ProcStart = start; f.ProcEnd = end; }, ct);
    }

    /// <summary>Higher runs first.</summary>
    public Task<SettingChange> SetPriorityAsync(string frameId, int priority, CancellationToken ct = default) =>
        ChangeFrameAsync(frameId, "priority", f => f.Priority.ToString(), f => f.Priority = priority, ct);

    /// <summary>Asks the daemon to cancel pending jobs, launch nothing more, wait for running jobs and exit.</summary>
    public Task<SettingChange> PowerDownAsync(CancellationToken ct = default) =>
        _db.ScopeAsync(async db =>
        {
            var before = await db.DaemonTools.AsNoTracking().Select(d => (bool?)d.PowerDown).FirstOrDefaultAsync(ct) ?? false;
            await DaemonFlags.RequestPowerDownAsync(db, ct);
            return new SettingChange("daemon", "power_down", OnOff(before), OnOff(true));
        }, ct);

    /// <summary>Puts failed rows back to waiting and marks their failed_jobs rows retried; returns how many rows went back to waiting.</summary>
    public Task<int> RetryAsync(RetrySelector selector, CancellationToken ct = default) =>
        _db.ScopeAsync(async db =>
        {
            if (selector.FrameId is { } frameId) await RequireFrameAsync(db, frameId, ct);
            var reset = await new FailureRetrier(db, _time.GetUtcNow().UtcDateTime).RetryAsync(selector, ct);
            await DaemonFlags.RequestJobListAsync(db, ct);
            return reset;
        }, ct);

    /// <summary>The daemon, its running and pending jobs, machine usage against <paramref name="machines"/>' budgets, and recent failures.</summary>
    /// <param name="pollInterval">The daemon's poll interval; a heartbeat older than two of them means the daemon looks dead.</param>
    public Task<DaemonStatus> GetStatusAsync(IReadOnlyList<MachineOptions> machines, TimeSpan pollInterval, CancellationToken ct = default) =>
        new DaemonStatusReader(_factory, _time).ReadAsync(machines, pollInterval, null, ct);

    /// <summary>As <see cref="GetStatusAsync(IReadOnlyList{MachineOptions}, TimeSpan, CancellationToken)"/>, the jobs and failures of one frame only.</summary>
    /// <param name="frame">The frame; null for all. Machine usage stays whole: a frame's jobs share the machines with others.</param>
    public Task<DaemonStatus> GetStatusAsync(IReadOnlyList<MachineOptions> machines, TimeSpan pollInterval, string? frame, CancellationToken ct = default) =>
        new DaemonStatusReader(_factory, _time).ReadAsync(machines, pollInterval, frame, ct);

    private Task<SettingChange> ChangeFrameAsync(string frameId, string setting, Func<Frame, string> show, Action<Frame> apply, CancellationToken ct) =>
        _db.ScopeAsync(async db =>
        {
            var frame = await RequireFrameAsync(db, frameId, ct);
            var change = Change(frame, setting, show, apply);
            await DaemonFlags.RequestJobListAsync(db, ct);
            return change;
        }, ct);

    /// <summary>Applies one setting to a tracked frame (saved with the caller's transaction) and tells what it was.</summary>
    private SettingChange Change(Frame frame, string setting, Func<Frame, string> show, Action<Frame> apply)
    {
        var before = show(frame);
        apply(frame);
        frame.LastUpdated = _time.GetUtcNow().UtcDateTime;
        return new SettingChange("frame " + frame.Id, setting, before, show(frame));
    }

    private static async Task<Frame> RequireFrameAsync(SatDbContext db, string frameId, CancellationToken ct) =>
        await db.Frames.SingleOrDefaultAsync(f => f.Id == frameId, ct) ?? throw new FrameException($"unknown frame {frameId}");

    private static string ShowRange(Frame f) =>
        $"{f.ProcStart?.ToString("yyyy-MM-dd") ?? "open"}..{f.ProcEnd?.ToString("yyyy-MM-dd") ?? "open"}";

    private static string OnOff(bool on) => on ? "on" : "off";
}
