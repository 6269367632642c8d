using Microsoft.Extensions.Logging;
using SatDaemon.Control.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// Records a job's end from its outcome (already written to the spool file), through the JobLogger: JobStore's guarded
/// success or failure, Teams for a final failure. The .NET job exec calls it after its command (the native job exec
/// records the end itself, through the same JobEndRecord statements JobStore runs). Recorded, by this call or already by the daemon: the spool has done its job and
/// is deleted. Not recorded: the spool stays, and the daemon records the end from it.
/// </summary>
public static class JobEndRecorder
{
    /// <summary>True when the end is recorded (now or before).</summary>
    public static async Task<bool> RecordAsync(JobLogger jobLogger, JobOutcomeFile outcome, string spoolPath, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(jobLogger);
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            if (outcome.Success) await jobLogger.SucceedAsync(outcome.Usage, CancellationToken.None);
            else await jobLogger.FailAsync(outcome.ExitCode, outcome.Error ?? "failed", outcome.LogTail, outcome.Usage, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            JobLog.OutcomeKept(log, outcome.JobId, spoolPath, e);
            return false;
        }
        File.Delete(spoolPath);
        return true;
    }
}
