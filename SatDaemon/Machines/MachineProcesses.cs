using System.Globalization;
using System.Text.RegularExpressions;
using SatDaemon.Lifecycle.Reconcile;

namespace SatDaemon.Machines;

/// <summary>
/// One `ps -eo pid=,sid=,stat=,args=` reading of a machine: which job exec processes run there (by installation and
/// job id) and how many live processes each session holds. A job is the session its job exec leads (setsid), so a
/// session with members but no leader is a job whose job exec died while its command ran on.
/// </summary>
public sealed partial class MachineProcesses
{
    private readonly Dictionary<(string? Instance, long JobId), int> _jobExecs = [];
    private readonly Dictionary<int, int> _sessionSizes = [];
    private readonly HashSet<int> _pids = [];
    // Session leaders caught exiting: alive (not yet a zombie) with their command line already gone, which ps shows
    // as "[name]". A SIGKILLed job exec (a big multi-threaded process) stays so for a while on a loaded machine.
    private readonly HashSet<int> _exitingLeaders = [];

    // "… job exec [--instance ID] --job-id N …", first occurrence only, and only before the first " -- " (after which
    // the job's own arguments begin, which must never pose as a job exec). The tools path before it may hold spaces.
    [GeneratedRegex(@"(?:^|\s)job exec (?:--instance ([0-9A-Za-z]+) )?--job-id ([0-9]+)(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex JobExecLine();

    public static MachineProcesses Parse(string psOutput)
    {
        var result = new MachineProcesses();
        foreach (var raw in psOutput.Split('\n'))
        {
            var line = raw.Trim();
            var words = line.Split((char[]?)null, 4, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 3
                || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sid)) continue;
            // A zombie holds no cpu, memory or disk; it only waits for its parent to read its status.
            if (words[2].StartsWith('Z') || words[2].StartsWith('X')) continue;
            result._pids.Add(pid);
            result._sessionSizes[sid] = result._sessionSizes.GetValueOrDefault(sid) + 1;
            if (words.Length < 4) continue;
            var args = words[3];
            if (pid == sid && args.StartsWith('[') && args.EndsWith(']')) result._exitingLeaders.Add(pid);
            var end = args.IndexOf(" -- ", StringComparison.Ordinal);
            var m = JobExecLine().Match(end < 0 ? args : args[..end]);
            if (!m.Success || !long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId)) continue;
            result._jobExecs[(m.Groups[1].Success ? m.Groups[1].Value : null, jobId)] = pid;
        }
        return result;
    }

    /// <summary>
    /// The pid of this installation's job exec for the job. A line without an identity (launched before identities
    /// existed) counts only when its pid is the one recorded for the job, so another installation's job is never taken.
    /// </summary>
    public int? JobExecPid(string instance, long jobId, int? recordedPid)
    {
        if (_jobExecs.TryGetValue((instance, jobId), out var pid)) return pid;
        return recordedPid is { } r && _jobExecs.TryGetValue((null, jobId), out var legacy) && legacy == r ? legacy : null;
    }

    /// <summary>
    /// What this reading says of one job, for the reconcile decider: its job exec alive (with its session's size), else
    /// the leftovers of the session at the recorded pid, else nothing.
    /// </summary>
    public ProcessReading ReadingOf(string instance, long jobId, int? recordedPid)
    {
        if (JobExecPid(instance, jobId, recordedPid) is { } pid) return ProcessReading.Alive(pid, SessionSize(pid));
        if (recordedPid is { } sid && Orphans(sid) is > 0 and var orphans) return ProcessReading.Orphans(sid, orphans);
        return ProcessReading.Nothing;
    }

    /// <summary>Live processes in the session <paramref name="sid"/>.</summary>
    public int SessionSize(int sid) => _sessionSizes.GetValueOrDefault(sid);

    public bool IsAlive(int pid) => _pids.Contains(pid);

    /// <summary>
    /// Processes left of a job whose job exec (the session leader, pid = sid) is gone. Linux never hands out a pid that
    /// is still some session's id, so members of the session without a live leader can only be that job's leftovers.
    /// A leader caught exiting (alive, its command line already gone) is the dying job exec itself: its session counts
    /// whole, leader included, so the job is stopped like any lost job exec — never read as gone while its command
    /// still runs (that recorded a killed job exec as lost and let its retry start beside its command, issue 29).
    /// </summary>
    public int Orphans(int sid) => _exitingLeaders.Contains(sid) ? SessionSize(sid) : IsAlive(sid) ? 0 : SessionSize(sid);
}
