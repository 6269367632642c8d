using System.Text.Json;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.Control.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// job settle: records a job's end from its outcome spool file, as the .NET job exec records it after its command
/// (<see cref="JobEndRecorder"/>). The native job exec runs it for a moment after its command has ended, so the heavy
/// .NET process never exists while a job works. Exit 0 when the end is recorded (or was already); 1 when the spool
/// cannot be read or the database did not take the end within the outcome retry budget (the spool stays for the daemon).
/// </summary>
public sealed class JobSettleRunner(SatDaemonConfig config, string spoolPath, ILoggerFactory loggers)
{
    public async Task<int> RunAsync()
    {
        JobOutcomeFile? outcome;
        try
        {
            outcome = JobOutcomeFile.TryRead(spoolPath);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {spoolPath} is not an outcome spool file: {e.Message}");
            return JobExitCodes.Failed;
        }
        if (outcome is null)
        {
            await Console.Error.WriteLineAsync($"error: no outcome spool file at {spoolPath}");
            return JobExitCodes.Failed;
        }
        var options = JobLoggerOptions.FromEnvironment();
        await using var jobLogger = new JobLogger(config, outcome.JobId, options, loggers);
        return await JobEndRecorder.RecordAsync(jobLogger, outcome, spoolPath, loggers.CreateLogger<JobSettleRunner>()) ? 0 : JobExitCodes.Failed;
    }
}
