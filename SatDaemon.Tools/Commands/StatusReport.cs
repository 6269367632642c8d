using System.Globalization;
using SatDaemon.Control;
using static SatDaemon.Control.StatusText;

namespace SatDaemon.Tools.Commands;

/// <summary>Renders a <see cref="DaemonStatus"/> as the readable tables of ctl status.</summary>
internal static class StatusReport
{
    public static void Write(DaemonStatus s, TextWriter o)
    {
        o.WriteLine(DaemonLine(s));
        foreach (var standby in s.Standbys) o.WriteLine(StandbyLine(standby, s.Now));
        o.WriteLine($"power_down: {OnOff(s.PowerDown)}   recreate_joblist: {OnOff(s.RecreateJoblist)}");

        o.WriteLine();
        o.WriteLine($"running jobs ({s.Running.Count}):");
        if (s.Running.Count > 0)
        {
            var t = new TextTable("JOB", "FRAME", "TYPE", "STAGE", "DATE", "MACHINE", "PID", "PROGRESS", "STARTED", "MESSAGE");
            foreach (var j in s.Running)
                t.Add(j.JobId.ToString(CultureInfo.InvariantCulture), j.FrameId, j.JobType, j.StageName, Dates(j.Date, j.Date2), j.Machine,
                    j.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", j.Progress is { } p ? Percent(p) : "-",
                    $"{Time(j.StartedAt)} ({Age(s.Now - j.StartedAt)})", j.Message ?? "");
            t.Write(o);
        }

        o.WriteLine();
        o.WriteLine($"pending jobs ({s.Pending.Sum(p => p.Count)}):");
        if (s.Pending.Count > 0)
        {
            var t = new TextTable("FRAME", "STAGE", "COUNT", "REASON");
            foreach (var p in s.Pending) t.Add(p.FrameId, p.StageName, p.Count.ToString(CultureInfo.InvariantCulture), p.Reason);
            t.Write(o);
        }

        o.WriteLine();
        o.WriteLine("machines (held / budget):");
        var m = new TextTable("MACHINE", "JOBS", "CPUS", "MEMORY_GB", "DISK");
        foreach (var u in s.Machines)
            m.Add(u.InConfig ? u.Machine : u.Machine + " (not in config)", u.RunningJobs.ToString(CultureInfo.InvariantCulture),
                Held(u.Cpus, u.CpusBudget), Held(u.Memory, u.MemoryBudget), Held(u.Disk, u.DiskBudget));
        m.Write(o);

        WriteHolds(s.Holds, o);

        o.WriteLine();
        o.WriteLine($"recent failures ({s.RecentFailures.Count}, newest first):");
        if (s.RecentFailures.Count > 0)
        {
            var t = new TextTable("JOB", "FRAME", "TYPE", "DATE", "MACHINE", "EXIT", "FAILED", "RETRIED", "ERROR");
            foreach (var f in s.RecentFailures)
                t.Add(f.JobId.ToString(CultureInfo.InvariantCulture), f.FrameId, f.JobType, Dates(f.Date, f.Date2), f.Machine ?? "-",
                    f.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-", Time(f.FailedAt), f.Retried ? "yes" : "no", FirstLine(f.Error));
            t.Write(o);
        }
    }

    /// <summary>ctl hold and ctl drain, shown only when something is held back, as sinfo shows a drained node.</summary>
    private static void WriteHolds(OperatorHolds h, TextWriter o)
    {
        WriteHeld(o, $"held frames ({h.Frames.Count}, nothing new starts for them):", ["FRAME", "HELD_BY", "SINCE"],
            h.Frames.Select(f => (f.FrameId, f.HeldBy, f.HeldAt)));
        WriteHeld(o, $"drained machines ({h.Machines.Count}, nothing new starts on them):", ["MACHINE", "DRAINED_BY", "SINCE"],
            h.Machines.Select(m => (m.Machine, m.DrainedBy, m.DrainedAt)));
    }

    private static void WriteHeld(TextWriter o, string title, string[] headings, IEnumerable<(string What, string? By, DateTime Since)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        o.WriteLine();
        o.WriteLine(title);
        var t = new TextTable(headings);
        foreach (var (what, by, since) in list) t.Add(what, by ?? "-", Time(since));
        t.Write(o);
    }

    private static string DaemonLine(DaemonStatus s)
    {
        if (s.Heartbeat is not { } hb) return "daemon: not running (never seen: no heartbeat)";
        if (s.Stopped) return $"daemon: stopped at {Time(hb)} ({Age(s.Now - hb)} ago) on {s.DaemonHost ?? "?"}";
        var where = $"{s.DaemonHost ?? "?"} pid {s.DaemonPid?.ToString(CultureInfo.InvariantCulture) ?? "?"}";
        var since = s.DaemonSince is { } t ? $" since {Time(t)}" : "";
        return s.LooksAlive
            ? $"daemon: alive on {where}{since}, heartbeat {Age(s.Now - hb)} ago"
            : $"daemon: not running (last heartbeat from {where} at {Time(hb)}, {Age(s.Now - hb)} ago; killed, or its host is down?)";
    }

    private static string StandbyLine(SatDaemon.Database.Daemon.StandbyDaemon standby, DateTime now) =>
        $"standby: waiting on {standby.Host} pid {standby.Pid.ToString(CultureInfo.InvariantCulture)}"
        + (standby.Since is { } t ? $" since {Time(t)} ({Age(now - t)})" : "") + "; takes over when the active daemon's lock is free";

    /// <summary>running_jobs.progress is already percent (job progress takes 0-100 and the store clamps to it).</summary>
    private static string Percent(double p) => p.ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Held(double used, double? budget) =>
        budget is { } b ? $"{used.ToString("0.#", CultureInfo.InvariantCulture)}/{b.ToString("0.#", CultureInfo.InvariantCulture)}"
                        : used.ToString("0.#", CultureInfo.InvariantCulture);

    private static string OnOff(bool on) => on ? "on" : "off";
}
