using System.Globalization;

namespace SatDaemon.Machines;

/// <summary>
/// The answer to the reconcile's one command per machine (<see cref="RemoteCommands.Reconcile"/>): the `ps` reading,
/// and for each job the machine's shell found gone, the files settling its end needs.
/// </summary>
public sealed class MachineReading
{
    private readonly Dictionary<long, GoneJobFiles> _gone;

    private MachineReading(MachineProcesses processes, Dictionary<long, GoneJobFiles> gone)
    {
        Processes = processes;
        _gone = gone;
    }

    public MachineProcesses Processes { get; }

    /// <summary>What the machine sent for the job, or null when it sent nothing (its shell saw its job exec running).</summary>
    public GoneJobFiles? FilesOf(long jobId) => _gone.GetValueOrDefault(jobId);

    /// <summary>
    /// Splits the answer at the lines "@@{marker} {job id} spool|log". Each section's body ends with the one newline the
    /// command adds after it (so that a file without a final newline cannot swallow the next marker), which is removed.
    /// </summary>
    public static MachineReading Parse(string stdout, string marker)
    {
        var head = "@@" + marker + " ";
        var sections = new List<(int Start, int BodyStart)>();
        var at = stdout.StartsWith(head, StringComparison.Ordinal) ? 0 : IndexOfLine(stdout, head, 0);
        while (at >= 0)
        {
            var eol = stdout.IndexOf('\n', at);
            var bodyStart = eol < 0 ? stdout.Length : eol + 1;
            sections.Add((at, bodyStart));
            at = IndexOfLine(stdout, head, bodyStart - 1);
        }
        var processes = MachineProcesses.Parse(sections.Count == 0 ? stdout : stdout[..sections[0].Start]);
        var spools = new Dictionary<long, string?>();
        var logs = new Dictionary<long, (bool Exists, string? Tail)>();
        for (var k = 0; k < sections.Count; k++)
        {
            var (start, bodyStart) = sections[k];
            var words = stdout[(start + head.Length)..Math.Max(start + head.Length, bodyStart - 1)].Trim().Split(' ');
            if (words.Length != 2 || !long.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var jobId)) continue;
            // The body runs to the newline before the next marker line (or to the end).
            var end = k + 1 < sections.Count ? sections[k + 1].Start : stdout.Length;
            var body = stdout[Math.Min(bodyStart, end)..end];
            if (body.EndsWith('\n')) body = body[..^1];
            if (words[1] == "spool") spools[jobId] = Text(body);
            else if (words[1] == "log")
                logs[jobId] = body.StartsWith("yes", StringComparison.Ordinal)
                    ? (true, Text(body.Length > 3 ? body[4..] : ""))
                    : (false, null);
        }
        var gone = new Dictionary<long, GoneJobFiles>();
        foreach (var (jobId, spool) in spools)
            // Both parts or none: a cut-off answer falls back to reading the files one by one.
            if (logs.TryGetValue(jobId, out var log)) gone[jobId] = new GoneJobFiles(spool, log.Exists, log.Tail);
        return new MachineReading(processes, gone);
    }

    // As ReadFileAsync: an empty file reads as none.
    private static string? Text(string s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static int IndexOfLine(string s, string head, int from)
    {
        var i = s.IndexOf("\n" + head, from, StringComparison.Ordinal);
        return i < 0 ? -1 : i + 1;
    }
}

/// <summary>
/// A gone job's files as the reconcile read them: its outcome spool file (null when there is none), whether its log
/// exists, and the log's last lines (null when it has none).
/// </summary>
public sealed record GoneJobFiles(string? Spool, bool LogExists, string? LogTail);
