using SatDaemon.Control;
using SatDaemon.Control.Jobs;
using SatDaemon.Configuration;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tools.Commands;

/// <summary>job progress | warn | error: one report of a running job, retried through a short database outage.</summary>
internal static class JobReportRunner
{
    public enum Kind { Progress, Warn, Error }

    public static async Task<int> RunAsync(SatDaemonConfig config, long? jobId, Kind kind, string? message, double? percent, CancellationToken ct)
    {
        if (percent is { } p && !double.IsFinite(p))
        {
            await Console.Error.WriteLineAsync("error: job progress: " + JobProgress.Refusal(p));
            return ToolRunner.BadInput;
        }
        if (percent is { } q && (q < 0 || q > 100))
            await Console.Error.WriteLineAsync($"warning: job progress: {q.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside 0-100; recorded as {JobProgress.Normalize(q)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var id = jobId ?? JobLogger.JobIdFromEnvironment();
        using var loggers = JobToolLogging.Create();
        await using var logger = new JobLogger(config, id, JobLoggerOptions.FromEnvironment(), loggers);
        try
        {
            var report = kind switch
            {
                Kind.Progress => logger.ProgressAsync(percent, message, ct),
                Kind.Warn => logger.WarnAsync(message!, ct),
                _ => logger.ErrorAsync(message!, ct),
            };
            await report;
            return ToolRunner.Ok;
        }
        catch (JobNotRunningException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return JobCommand.NotRunning;
        }
        catch (Exception e) when (DatabaseRetry.IsTransient(e))
        {
            await Console.Error.WriteLineAsync($"error: job {id}: {kind.ToString().ToLowerInvariant()} not recorded, the database stayed unreachable: {e.Message}");
            return ToolRunner.Failed;
        }
    }
}
