using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SatDaemon.Control;
using SatDaemon.Control.Jobs;
using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// Pretends to be processing software: reports progress through the JobLogger like real .NET job code would, then
/// writes its job type's outputs, or fails / dies on request so tests and the demo can exercise every ending.
/// </summary>
internal sealed class JobSimulateRunner(SatDaemonConfig config, JobSimulateRunner.Settings settings)
{
    public const string EnvFailPattern = "SATDAEMON_SIMULATE_FAIL_PATTERN";
    public const string EnvDiePattern = "SATDAEMON_SIMULATE_DIE_PATTERN";

    public sealed record Settings(string Stage, TimeSpan Duration, int Steps, bool Fail, int ExitCode, bool Die);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var loggers = JobToolLogging.Create();
        var log = loggers.CreateLogger<JobSimulateRunner>();
        await using var jobLogger = new JobLogger(config, JobLogger.JobIdFromEnvironment(), JobLoggerOptions.FromEnvironment(), loggers);
        try
        {
            var job = await jobLogger.GetJobAsync(ct);
            var values = await jobLogger.PlaceholdersAsync(ct);
            var key = $"{values.Frame} {settings.Stage} {(values.Date2 is null ? values.Date : $"{values.Date1}_{values.Date2}")}".TrimEnd();
            var fail = settings.Fail || Matches(EnvFailPattern, key);
            var die = settings.Die || Matches(EnvDiePattern, key);
            Console.WriteLine($"simulate {key}: job {job.Id} ({job.JobType}), {settings.Steps} steps over {settings.Duration.TotalSeconds:0.##} s");

            for (var step = 1; step <= settings.Steps; step++)
            {
                await Task.Delay(settings.Duration / settings.Steps, ct);
                if (die && step * 2 >= settings.Steps)
                {
                    Console.WriteLine($"simulate {key}: dying now (SIGKILL)");
                    await Console.Out.FlushAsync(ct);
                    Process.GetCurrentProcess().Kill();
                }
                var percent = 100.0 * step / settings.Steps;
                Console.WriteLine($"simulate {key}: step {step}/{settings.Steps}");
                await ReportAsync(() => jobLogger.ProgressAsync(percent, $"{settings.Stage} step {step}/{settings.Steps}", ct), log, job.Id);
            }

            if (fail)
            {
                Console.WriteLine($"ERROR: simulated failure of {key}");
                return settings.ExitCode;
            }
            WriteOutputs(job.JobType, values, key, job.Id);
            return ToolRunner.Ok;
        }
        catch (JobNotRunningException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return JobCommand.NotRunning;
        }
    }

    private void WriteOutputs(string jobType, JobPlaceholders values, string key, long jobId)
    {
        foreach (var template in config.JobType(jobType).Outputs)
        {
            var path = CommandTemplate.Expand(template, values);
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"simulated {key} by job {jobId} at {DateTime.UtcNow:O}\n"));
            Console.WriteLine($"simulate {key}: wrote {path}");
        }
    }

    /// <summary>A progress report the database did not take is logged; the work itself goes on, as real software would.</summary>
    private static async Task ReportAsync(Func<Task> report, ILogger log, long jobId)
    {
        try
        {
            await report();
        }
        catch (Exception e) when (DatabaseRetry.IsTransient(e))
        {
            JobLog.ProgressNotRecorded(log, jobId, e);
        }
    }

    private static bool Matches(string variable, string key) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } pattern && key.Contains(pattern, StringComparison.Ordinal);
}
