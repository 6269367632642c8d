using System.Globalization;
using System.Text;

namespace SatDaemon.Tests.Faults;

/// <summary>
/// One run of a ledger job's command, from its own lines in the target's ledger file: when it started, and when it
/// ended (its command finished: <c>end</c>) or was stopped (a SIGTERM reached it: <c>stop</c>), or neither (it is still
/// running, or it was SIGKILLed and left no word).
/// </summary>
internal sealed record LedgerRun(string Target, string JobId, int Pid, long StartNs, long? EndNs, string? EndKind, string? Note)
{
    public bool Finished => EndKind == "end";
    public bool Stopped => EndKind == "stop";
    public bool Unended => EndKind is null;

    /// <summary>[start, end]; an unended run counts as running until <paramref name="nowNs"/>.</summary>
    public long EndOr(long nowNs) => EndNs ?? nowNs;

    public override string ToString() =>
        $"{Target} job {JobId} pid {Pid} [{Clock(StartNs)} – {(EndNs is { } e ? Clock(e) + " " + EndKind : "unended")}]{(Note is null ? "" : " " + Note)}";

    internal static string Clock(long ns) => DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}

/// <summary>
/// The ledger the fault tests' job command writes itself, outside the database (<see cref="LedgerJob"/>): one file per
/// target, lines <c>start TARGET JOBID PID EPOCH_NS</c>, <c>end TARGET JOBID PID EPOCH_NS [note]</c> and
/// <c>stop TARGET JOBID PID EPOCH_NS</c> (the command got SIGTERM). What it says does not depend on the daemon's own
/// bookkeeping: how often each target's command ran, how often it finished, and whether two runs of one target overlapped.
/// </summary>
internal sealed class Ledger
{
    private Ledger(List<LedgerRun> runs, List<string> malformed, long nowNs)
    {
        Runs = runs;
        Malformed = malformed;
        NowNs = nowNs;
    }

    public IReadOnlyList<LedgerRun> Runs { get; }

    /// <summary>Lines that are not start/end/stop lines, or an end/stop without its start: each is a finding.</summary>
    public IReadOnlyList<string> Malformed { get; }

    /// <summary>The moment the ledger was read; unended runs count as running until then.</summary>
    public long NowNs { get; }

    public static long EpochNs() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>Reads every <c>*.ledger</c> file of <paramref name="dir"/> (none yet = an empty ledger).</summary>
    public static Ledger Read(string dir)
    {
        var lines = new List<string>();
        if (Directory.Exists(dir))
            foreach (var file in Directory.GetFiles(dir, "*.ledger").Order(StringComparer.Ordinal))
                lines.AddRange(File.ReadAllLines(file));
        return Parse(lines, EpochNs());
    }

    /// <summary>
    /// Pairs each end/stop line with the open start of the same target and pid (a pid is unique among live processes,
    /// so two runs open at once never share one; a pid reused later pairs with the later start).
    /// </summary>
    public static Ledger Parse(IEnumerable<string> lines, long nowNs)
    {
        var runs = new List<LedgerRun>();
        var open = new Dictionary<(string Target, int Pid), int>();
        var closed = new Dictionary<(string Target, int Pid), int>();
        var malformed = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var w = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (w.Length < 5 || w[0] is not ("start" or "end" or "stop")
                || !int.TryParse(w[3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || !long.TryParse(w[4], NumberStyles.None, CultureInfo.InvariantCulture, out var ns))
            {
                malformed.Add(line);
                continue;
            }
            var (kind, target, job, note) = (w[0], w[1], w[2], w.Length > 5 ? w[5] : null);
            if (kind == "start")
            {
                if (open.TryGetValue((target, pid), out var stale)) malformed.Add($"start again before an end: {line} (open: {runs[stale]})");
                open[(target, pid)] = runs.Count;
                runs.Add(new LedgerRun(target, job, pid, ns, null, null, null));
            }
            else if (open.Remove((target, pid), out var i))
            {
                runs[i] = runs[i] with { EndNs = ns, EndKind = kind, Note = note };
                closed[(target, pid)] = i;
            }
            // SIGTERM goes to the run's whole session: a subshell of the script (a `$(date)` being forked) may run
            // the inherited trap too, and its $$ is the script's. A second stop line of a stopped run is that echo.
            else if (kind == "stop" && closed.TryGetValue((target, pid), out var c) && runs[c].Stopped) { }
            else
            {
                malformed.Add($"{kind} without a start: {line}");
            }
        }
        return new Ledger(runs, malformed, nowNs);
    }

    public IReadOnlyDictionary<string, List<LedgerRun>> ByTarget =>
        Runs.GroupBy(r => r.Target).ToDictionary(g => g.Key, g => g.OrderBy(r => r.StartNs).ToList());

    public IEnumerable<LedgerRun> Unended => Runs.Where(r => r.Unended);

    public int Finished => Runs.Count(r => r.Finished);
    public int Stopped => Runs.Count(r => r.Stopped);

    /// <summary>Two runs of one target whose [start, end] intervals overlap (an unended run lasts until now).</summary>
    public List<(LedgerRun First, LedgerRun Second)> Overlaps()
    {
        var found = new List<(LedgerRun, LedgerRun)>();
        foreach (var (_, runs) in ByTarget)
            for (var i = 0; i < runs.Count; i++)
                for (var j = i + 1; j < runs.Count; j++)
                    if (runs[j].StartNs <= runs[i].EndOr(NowNs) && runs[i].StartNs <= runs[j].EndOr(NowNs))
                        found.Add((runs[i], runs[j]));
        return found;
    }

    /// <summary>Targets whose command finished more than once (a doubled run).</summary>
    public List<string> Doubled() => ByTarget.Where(t => t.Value.Count(r => r.Finished) > 1).Select(t => t.Key).ToList();

    /// <summary>
    /// Everything that breaks "each target's command ran exactly as often as it finished, once, never two at a time":
    /// a target of <paramref name="expected"/> that never finished, a target not expected, a doubled run, a run that
    /// started and never ended, a run stopped by a signal (unless <paramref name="stopsAllowed"/>, for tests that stop
    /// commands on purpose), overlaps, malformed lines. Each target must finish exactly <paramref name="finishes"/> times:
    /// 1, or 0 for targets whose every run is stopped on purpose (a timeout).
    /// </summary>
    /// <param name="mayNotRun">A target may have no run at all (its job was stopped before the command started).</param>
    /// <param name="killsAllowed">A run may lack its end line (SIGKILLed after kill_grace, before its trap ran); the
    /// census, not the ledger, then shows that nothing of it is left.</param>
    public List<string> Problems(IReadOnlyCollection<string> expected, bool stopsAllowed = false, int finishes = 1, bool mayNotRun = false, bool killsAllowed = false)
    {
        var problems = new List<string>();
        var byTarget = ByTarget;
        if (!mayNotRun) foreach (var t in expected.Where(t => !byTarget.ContainsKey(t))) problems.Add($"{t}: never ran");
        foreach (var (target, runs) in byTarget)
        {
            if (!expected.Contains(target)) problems.Add($"{target}: ran, but is not a target of this test");
            var finished = runs.Count(r => r.Finished);
            if (finished != finishes) problems.Add($"{target}: finished {finished} times in {runs.Count} runs");
            if (!killsAllowed) foreach (var r in runs.Where(r => r.Unended)) problems.Add($"started, never ended: {r}");
            else if (runs.Count(r => r.Unended) > 1) problems.Add($"{target}: {runs.Count(r => r.Unended)} runs without an end");
            if (!stopsAllowed) foreach (var r in runs.Where(r => r.Stopped)) problems.Add($"stopped by a signal: {r}");
        }
        foreach (var (a, b) in Overlaps()) problems.Add($"overlap: {a} / {b}");
        problems.AddRange(Malformed.Select(m => "malformed ledger line: " + m));
        return problems;
    }

    /// <summary>Figures: runs, finished, stopped, unended, doubled, overlaps.</summary>
    public string Figures() => string.Create(CultureInfo.InvariantCulture,
        $"ledger: targets {ByTarget.Count}, runs {Runs.Count}, finished {Finished}, stopped {Stopped}, unended {Unended.Count()}, doubled {Doubled().Count}, overlaps {Overlaps().Count}, malformed {Malformed.Count}");

    public override string ToString()
    {
        var sb = new StringBuilder(Figures()).Append('\n');
        foreach (var r in Runs.OrderBy(r => r.StartNs)) sb.Append("  ").Append(r).Append('\n');
        return sb.ToString();
    }
}
