using Microsoft.Extensions.Logging;
using SatDaemon.Control.Jobs;
using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// job exec: the JobLogger around a launched command. Marks the job running, runs the command, then writes the outcome
/// spool file FIRST and records the end in the database SECOND: if the database stays unreachable, the daemon finds
/// the process gone and records the outcome from the spool file, so the end is neither lost nor recorded twice.
/// </summary>
/// <param name="loggers">The tool's loggers (one line each on stderr, so the command's stdout stays its own).</param>
public sealed class JobExecRunner(SatDaemonConfig config, long jobId, string logPath, ILoggerFactory loggers)
{
    private readonly string _outcomePath = JobOutcomeFile.PathFor(logPath);

    public async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var log = loggers.CreateLogger<JobExecRunner>();
        var options = JobLoggerOptions.FromEnvironment();
        if (config.Parameters.JobStartTimeout < options.StartRetryBudget) options.StartRetryBudget = config.Parameters.JobStartTimeout;
        await using var jobLogger = new JobLogger(config, jobId, options, loggers);
        var done = new ManualResetEventSlim();
        var exitCode = JobExitCodes.Failed;
        // System.CommandLine answers SIGTERM by returning from Main after 2 s; the process must not end before the
        // outcome is recorded (bounded by the retry budget), and must end with the command's exit code.
        EventHandler keepAlive = (_, _) =>
        {
            done.Wait(options.OutcomeRetryBudget + options.TeamsFlushTimeout + TimeSpan.FromMinutes(1));
            Environment.ExitCode = Volatile.Read(ref exitCode);
        };
        AppDomain.CurrentDomain.ProcessExit += keepAlive;
        try
        {
            exitCode = await RunJobAsync(argv, jobLogger, options, log);
            return exitCode;
        }
        finally
        {
            done.Set();
        }
    }

    private async Task<int> RunJobAsync(IReadOnlyList<string> argv, JobLogger jobLogger, JobLoggerOptions options, ILogger log)
    {
        var trying = TimeProvider.System.GetTimestamp();
        try
        {
            await jobLogger.StartAsync(Environment.ProcessId, CancellationToken.None);
        }
        catch (JobNotRunningException e)
        {
            // Nothing runs: the daemon gave up on this job (or it never existed), and running it could duplicate work.
            await Console.Error.WriteLineAsync($"error: {e.Message}; the command was not run");
            return JobExitCodes.NotRunning;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database did not answer within job_start_timeout (or refused). Unstarted, the job is the daemon's to
            // queue again (it never reported), so give its budget back now rather than hold it for nothing.
            // The time really spent, not the configured limit: retries overshoot it by up to one backoff, and the
            // limit may be SATDAEMON_REPORT_RETRY_SECONDS rather than job_start_timeout.
            var waited = TimeProvider.System.GetElapsedTime(trying);
            await Console.Error.WriteLineAsync($"satdaemon-tools job exec: cannot record the start of job {jobId}: {JobCommandRun.Root(e).Message} "
                + $"(gave up after trying for {waited.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s; "
                + $"limit {JobCommandRun.StartLimit(config, options)}); the command was not run");
            return JobExitCodes.StartNotRecorded;
        }

        var outcome = await new JobCommandRun(config, jobId, logPath, "satdaemon-tools job exec", new LoggedRunReport(log, jobId, logPath)).RunAsync(argv);
        await RecordAsync(outcome, jobLogger, log);
        // The command's own exit code (JobCommandRun always sets it; a signal is 128 + its number).
        return outcome.ExitCode ?? JobExitCodes.Failed;
    }

    private async Task RecordAsync(JobOutcomeFile outcome, JobLogger jobLogger, ILogger log)
    {
        try
        {
            outcome.Write(_outcomePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the spool file the database write below is the only record; go on with it.
            JobLog.LogWriteFailed(log, jobId, _outcomePath, e);
        }

        await JobEndRecorder.RecordAsync(jobLogger, outcome, _outcomePath, log);
    }
}
