using System.Globalization;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// The job's session on its machine: job exec is launched with setsid, so it leads a session that holds everything
/// its command starts, grandchildren included. When the command ends, whatever it left behind in the session is
/// stopped (TERM, then KILL after kill_grace) before the end is recorded: the job's budget is freed only when the job
/// is really gone, as Slurm ends a step's processes with the step. Read from /proc, so Linux only; elsewhere (or
/// when job exec was started by hand, not leading its own session) nothing is touched.
/// </summary>
internal static class JobSession
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(5);

    /// <summary>True when this process leads its own session (launched with setsid, as the daemon does).</summary>
    public static bool IsLeader => SessionOf(Environment.ProcessId) == Environment.ProcessId;

    /// <summary>Live processes of this session other than job exec itself (zombies hold nothing and are left out).</summary>
    public static List<int> OtherMembers()
    {
        var self = Environment.ProcessId;
        var members = new List<int>();
        if (!Directory.Exists("/proc")) return members;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self) continue;
            if (SessionOf(pid) == self) members.Add(pid);
        }
        return members;
    }

    /// <summary>
    /// Stops what the command left running: TERM, up to <paramref name="grace"/> for it to go, then KILL. Returns how
    /// many processes were left when the command ended and how many needed KILL.
    /// </summary>
    public static async Task<(int Left, int Killed)> StopLeftoversAsync(TimeSpan grace)
    {
        if (!IsLeader) return (0, 0);
        var left = OtherMembers();
        if (left.Count == 0) return (0, 0);
        foreach (var pid in left) PosixSignals.Send(pid, PosixSignals.SigTerm);
        var until = DateTime.UtcNow + grace;
        List<int> still;
        while ((still = OtherMembers()).Count > 0 && DateTime.UtcNow < until) await Task.Delay(PollEvery);
        if (still.Count == 0) return (left.Count, 0);
        foreach (var pid in still) PosixSignals.Send(pid, PosixSignals.SigKill);
        until = DateTime.UtcNow + AfterKill;
        while (OtherMembers().Count > 0 && DateTime.UtcNow < until) await Task.Delay(PollEvery);
        return (left.Count, still.Count);
    }

    /// <summary>Field 6 of /proc/PID/stat (session id); the command name before it may hold spaces and parentheses.</summary>
    private static int? SessionOf(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        var close = stat.LastIndexOf(')');
        if (close < 0) return null;
        var f = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // f[0] state, f[1] ppid, f[2] pgrp, f[3] session.
        if (f.Length < 4 || f[0] is "Z" or "X") return null;
        return int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sid) ? sid : null;
    }
}
