using System.Diagnostics;
using System.Globalization;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>One live process as `ps` shows it.</summary>
internal sealed record CensusProcess(int Pid, int Sid, string User, string Args)
{
    public override string ToString() => $"pid {Pid} sid {Sid} {User}: {Args}";
}

/// <summary>
/// Counts live processes from `ps -eo pid,sid,user,args` — every user's, since the ssh test users run the jobs — so a
/// test can see what is left on the machine whatever the daemon believes: the processes carrying a marker on their
/// command line, or the processes of given sessions (a job is one session; its job exec's pid is the session id).
/// </summary>
internal static class ProcessCensus
{
    public static List<CensusProcess> All()
    {
        var psi = new ProcessStartInfo("ps", ["-eo", "pid=,sid=,stat=,user:32=,args="]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var self = p.Id;
        var list = new List<CensusProcess>();
        foreach (var line in text.Split('\n'))
        {
            var w = line.Split((char[]?)null, 5, StringSplitOptions.RemoveEmptyEntries);
            if (w.Length < 5
                || !int.TryParse(w[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || !int.TryParse(w[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
                || pid == self) continue;
            // A zombie (a killed job exec its new parent has not reaped yet) runs nothing and holds nothing: not a live process.
            if (w[2].StartsWith('Z') || w[2].StartsWith('X')) continue;
            list.Add(new CensusProcess(pid, sid, w[3], w[4]));
        }
        return list;
    }

    /// <summary>Live processes whose command line contains <paramref name="marker"/>.</summary>
    public static List<CensusProcess> Take(string marker) =>
        All().Where(p => p.Args.Contains(marker, StringComparison.Ordinal)).ToList();

    /// <summary>Live processes of the sessions <paramref name="sids"/>.</summary>
    public static List<CensusProcess> InSessions(IReadOnlySet<int> sids) => All().Where(p => sids.Contains(p.Sid)).ToList();

    /// <summary>SIGKILLs one process the test started (by its id); gone already is fine.</summary>
    public static void TryKill(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }
}
