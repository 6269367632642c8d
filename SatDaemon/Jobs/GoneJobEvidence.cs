using System.Text.Json;
using SatDaemon.JobProtocol;
using SatDaemon.Lifecycle.Reconcile;
using SatDaemon.Machines;

namespace SatDaemon.Jobs;

/// <summary>
/// What was read to settle a job whose processes are gone: the reading the reconcile decider sees, and what applying its
/// decision needs (the parsed outcome, the log's last lines). Filled from the reconcile's one command per machine when
/// it sent the job's files, else one read at a time as the decider asks.
/// </summary>
internal sealed class GoneJobEvidence
{
    private const int TailLines = 40;

    public GoneJobReading Reading { get; private set; } = GoneJobReading.NothingRead;

    /// <summary>The spool's outcome when it is this job's.</summary>
    public JobOutcomeFile? Outcome { get; private set; }

    /// <summary>The log's last lines, null when it has none or was not read.</summary>
    public string? LogTail { get; private set; }

    public static GoneJobEvidence From(long jobId, GoneJobFiles? files)
    {
        var evidence = new GoneJobEvidence();
        if (files is null) return evidence;
        evidence.SpoolRead(jobId, files.Spool);
        evidence.LogRead(files.LogExists);
        // The reading sent the log's last lines; the tail of those is the tail of the log.
        evidence.TailRead(files.LogTail);
        return evidence;
    }

    public void RowRead(bool stillRunning) => Reading = Reading with { Row = stillRunning ? RowRecheck.StillRunning : RowRecheck.Ended };

    public void SpoolRead(long jobId, string? text)
    {
        var outcome = text is null ? null : TryParse(text);
        Outcome = outcome?.JobId == jobId ? outcome : null;
        var seen = text is null ? SpoolSeen.Absent : outcome is null ? SpoolSeen.Unreadable : Outcome is null ? SpoolSeen.AnotherJob : SpoolSeen.ThisJob;
        Reading = Reading with { Spool = seen };
    }

    public void LogRead(bool exists) => Reading = Reading with { Log = exists ? LogSeen.Present : LogSeen.Absent };

    public void TailRead(string? log)
    {
        LogTail = log is null ? null : string.Join('\n', log.Split('\n').TakeLast(TailLines));
        Reading = Reading with { TailRead = true };
    }

    private static JobOutcomeFile? TryParse(string text)
    {
        try { return JobOutcomeFile.Parse(text); }
        catch (JsonException) { return null; }
    }
}
