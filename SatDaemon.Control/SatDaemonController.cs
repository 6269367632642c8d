using SatDaemon.Database;
using SatDaemon.Database.Api;
using SatDaemon.Database.Audit;
using SatDaemon.Configuration;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;

namespace SatDaemon.Control;

/// <summary>
/// The seed's SatDaemonController: frame settings, priority, range, power-down, retry and status.
/// Every change is one transaction that also sets daemon_tools.recreate_joblist, so a running
/// daemon rebuilds its job list in the light of it on its next pass, and records itself in audit_log (who, before,
/// after) in that same transaction. ctl and the web console call these same methods; only the <see cref="Actor"/> differs.
/// </summary>
public sealed partial class SatDaemonController
{
    private readonly SatDbFactory _factory;
    private readonly SatDatabase _db;
    private readonly TimeProvider _time;
    private readonly Actor _actor;

    /// <param name="actor">Who changes things through this controller; default the OS user, as ctl.</param>
    public SatDaemonController(SatDbFactory factory, TimeProvider? time = null, Actor? actor = null)
    {
        _factory = factory;
        _db = new SatDatabase(factory);
        _time = time ?? TimeProvider.System;
        _actor = actor ?? Actor.OsUser();
    }

    /// <summary>Who this controller records as making its changes.</summary>
    public Actor Actor => _actor;

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
        SetProcLevelAsync(frameId, level, null, ct);

    /// <param name="expected">The level the operator saw (its name); another value now refuses the change (<see cref="StaleChangeException"/>).</param>
    public Task<SettingChange> SetProcLevelAsync(string frameId, ProcLevel level, string? expected, CancellationToken ct) =>
        ChangeFrameAsync(frameId, "proc_level", f => FrameSettingText.Level(f.ProcLevel), f => FrameSettings.SetProcLevel(f, level), expected, ct);

    /// <summary>
    /// On: initial processing only; once the first time series exists, newer dates get no jobs. Like the seed's
    /// set_frame_noupdate ("turn frame on, but only initial processing"), on also switches an off frame to full, in the
    /// same transaction; a frame already on keeps its level. Off changes only the flag.
    /// </summary>
    public Task<SettingChange> SetNoUpdateAsync(string frameId, bool noUpdate, CancellationToken ct = default) =>
        SetNoUpdateAsync(frameId, noUpdate, null, ct);

    /// <param name="expected">"on" or "off" as the operator saw it; another value now refuses the change.</param>
    public Task<SettingChange> SetNoUpdateAsync(string frameId, bool noUpdate, string? expected, CancellationToken ct) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            var frame = await RequireFrameAsync(tx, frameId, ct);
            RequireUnchanged(frame, "noupdate", OnOff(frame.NoUpdate), expected);
            var change = Change(frame, "noupdate", f => OnOff(f.NoUpdate), f => FrameSettings.SetNoUpdate(f, noUpdate));
            if (noUpdate && frame.ProcLevel == ProcLevel.Off)
                change = change with
                {
                    Also = Change(frame, "proc_level", f => FrameSettingText.Level(f.ProcLevel), f => FrameSettings.SetProcLevel(f, ProcLevel.Full))
                        with { Because = "noupdate on turns an off frame on, for initial processing only" },
                };
            Audit(tx, change, frameId);
            await tx.RequestJobListAsync(frameId, ct);
            return change;
        }, ct);

    /// <summary>Dates outside start..end get no jobs; null leaves that side open. End before start is refused.</summary>
    public Task<SettingChange> SetProcRangeAsync(string frameId, DateOnly? start, DateOnly? end, CancellationToken ct = default) =>
        SetProcRangeAsync(frameId, start, end, null, ct);

    /// <param name="expected">The range as the operator saw it ("2024-01-01..open"); another value now refuses the change.</param>
    public Task<SettingChange> SetProcRangeAsync(string frameId, DateOnly? start, DateOnly? end, string? expected, CancellationToken ct)
    {
        if (start is { } s && end is { } e && e < s)
            throw new FrameException($"proc range of {frameId}: end {e:yyyy-MM-dd} is before start {s:yyyy-MM-dd}");
        return ChangeFrameAsync(frameId, "proc range", ShowRange, f => FrameSettings.SetProcRange(f, start, end), expected, ct);
    }

    /// <summary>Higher runs first.</summary>
    public Task<SettingChange> SetPriorityAsync(string frameId, int priority, CancellationToken ct = default) =>
        SetPriorityAsync(frameId, priority, null, ct);

    /// <param name="expected">The priority the operator saw; another value now refuses the change.</param>
    public Task<SettingChange> SetPriorityAsync(string frameId, int priority, string? expected, CancellationToken ct) =>
        ChangeFrameAsync(frameId, "priority", f => FrameSettingText.Priority(f.Priority), f => FrameSettings.SetPriority(f, priority), expected, ct);

    /// <summary>Asks the daemon to cancel pending jobs, launch nothing more, wait for running jobs and exit.</summary>
    public Task<SettingChange> PowerDownAsync(CancellationToken ct = default) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            var before = await tx.PowerDownRequestedAsync(ct);
            await tx.RequestPowerDownAsync(ct);
            var change = new SettingChange("daemon", "power_down", OnOff(before), OnOff(true));
            Audit(tx, change, null);
            return change;
        }, ct);

    /// <summary>Puts failed rows back to waiting and marks their failed_jobs rows retried; returns how many rows went back to waiting.</summary>
    public Task<int> RetryAsync(RetrySelector selector, CancellationToken ct = default) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            if (selector.FrameId is { } frameId) await RequireFrameAsync(tx, frameId, ct);
            var reset = await tx.RetryFailuresAsync(selector.FrameId, selector.JobType, selector.JobId, ct);
            if (reset > 0) tx.Audit("retry", selector.ToString(), "failed", $"{reset} row(s) waiting", selector.FrameId);
            // A retry of one frame's failures rebuilds that frame; one across frames (by job type, or all) the whole list.
            if (selector.FrameId is { } only) await tx.RequestJobListAsync(only, ct);
            else await tx.RequestJobListAsync(ct);
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

    private Task<SettingChange> ChangeFrameAsync(string frameId, string setting, Func<Frame, string> show, Action<Frame> apply, string? expected, CancellationToken ct) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            var frame = await RequireFrameAsync(tx, frameId, ct);
            RequireUnchanged(frame, setting, show(frame), expected);
            var change = Change(frame, setting, show, apply);
            Audit(tx, change, frameId);
            await tx.RequestJobListAsync(frameId, ct);
            return change;
        }, ct);

    /// <summary>
    /// A form shows a value and is sent later: if the value changed meanwhile, applying the form would silently undo
    /// someone else's change, so it is refused and the new value shown. Null (ctl) applies to whatever is there.
    /// </summary>
    private static void RequireUnchanged(Frame frame, string setting, string now, string? expected)
    {
        if (expected is not null && expected != now)
            throw new StaleChangeException($"frame {frame.Id}: {setting} changed meanwhile to {now} (the form showed {expected}); nothing changed", now);
    }

    /// <summary>Records a change and the one it brought with it; a setting already at its value changed nothing and is not recorded.</summary>
    private static void Audit(ControlTransaction tx, SettingChange change, string? frameId)
    {
        for (var c = change; c is not null; c = c.Also)
            if (c.Changed) tx.Audit(c.Setting, c.Target, c.Before, c.After, frameId);
    }

    /// <summary>Applies one setting to a tracked frame (saved with the caller's transaction) and tells what it was.</summary>
    private SettingChange Change(Frame frame, string setting, Func<Frame, string> show, Action<Frame> apply)
    {
        var before = show(frame);
        apply(frame);
        frame.LastUpdated = _time.GetUtcNow().UtcDateTime;
        return new SettingChange("frame " + frame.Id, setting, before, show(frame));
    }

    private static async Task<Frame> RequireFrameAsync(ControlTransaction tx, string frameId, CancellationToken ct) =>
        await tx.FindFrameAsync(frameId, ct) ?? throw new FrameException($"unknown frame {frameId}");

    private static string ShowRange(Frame f) => FrameSettingText.Range(f.ProcStart, f.ProcEnd);

    private static string OnOff(bool on) => FrameSettingText.OnOff(on);
}
