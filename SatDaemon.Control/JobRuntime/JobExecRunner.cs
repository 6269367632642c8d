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
            await Console.Error.WriteLineAsync($"satdaemon-tools job exec: cannot record the start of job {jobId}: {Root(e).Message} "
                + $"(gave up after trying for {waited.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s; "
                + $"limit {StartLimit(options)}); the command was not run");
            return JobExitCodes.StartNotRecorded;
        }

        ExitStatus status;
        string tail;
        JobUsage? usage;
        await using (var sampler = new UsageSampler())
        using (var sink = new JobLogSink(logPath, e => JobLog.LogWriteFailed(log, jobId, logPath, e)))
        {
            var child = new JobChildProcess(sink);
            status = await child.RunAsync(argv, ChildEnvironment(), WorkingDirectory(),
                (pid, program) =>
                {
                    sampler.Start();
                    JobLog.CommandStarted(log, jobId, program, pid);
                },
                (signal, pid) => JobLog.SignalForwarded(log, jobId, signal, pid),
                async () =>
                {
                    // The last sample sees what the command left running, before it is stopped.
                    await sampler.CommandEndedAsync();
                    await StopLeftoversAsync(sink, log);
                });
            if (status.StartError is { } startError)
            {
                JobLog.CommandCannotStart(log, jobId, argv[0], new InvalidOperationException(startError));
                sink.Write("satdaemon-tools job exec: cannot start " + startError);
            }
            usage = status.StartError is null ? MeasuredUsage(sampler, sink, log) : null;
            tail = sink.Tail.ToString();
        }
        JobLog.CommandEnded(log, jobId, status.Describe());

        // Under Slurm a failed command may have been ended by Slurm (time limit, node failure): say so in the error.
        var error = status.Success ? null
            : await SlurmVerdictQuery.AskAsync() is { } verdict ? $"{verdict}; {status.Describe()}" : status.Describe();
        var outcome = new JobOutcomeFile(jobId, status.Success, status.ExitCode, status.Signal, error, tail, usage);
        await RecordAsync(outcome, jobLogger, log);
        return status.ExitCode;
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

    /// <summary>"job_start_timeout = 2m" or, when the environment set a shorter budget, "8 s (SATDAEMON_REPORT_RETRY_SECONDS)".</summary>
    private string StartLimit(JobLoggerOptions options) =>
        options.StartRetryBudget < config.Parameters.JobStartTimeout
            ? $"{options.StartRetryBudget.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s ({JobLoggerOptions.EnvRetrySeconds})"
            : $"job_start_timeout = {DurationParser.Format(config.Parameters.JobStartTimeout)}";

    /// <summary>
    /// The command's measured use, written to the job log with the sampler's own cost. Measuring is never a reason
    /// for a job to fail: a sampler that breaks gives no figures.
    /// </summary>
    private JobUsage? MeasuredUsage(UsageSampler sampler, JobLogSink sink, ILogger log)
    {
        try
        {
            if (sampler.Finish() is not { } usage) return null;
            var cost = sampler.CostText();
            sink.Write($"satdaemon-tools job exec: used {usage.Describe()} ({cost})");
            JobLog.UsageMeasured(log, jobId, usage.Describe(), cost);
            return usage;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            JobLog.UsageNotMeasured(log, jobId, e);
            return null;
        }
    }

    /// <summary>
    /// What the command left running in the job's session is stopped before the end is recorded, so the job's budget
    /// is freed only when the job is really gone.
    /// </summary>
    private async Task StopLeftoversAsync(JobLogSink sink, ILogger log)
    {
        var (left, killed) = await JobSession.StopLeftoversAsync(config.Parameters.KillGrace);
        if (left == 0) return;
        sink.Write($"satdaemon-tools job exec: the command left {left} process(es) running; stopped them ({killed} needed SIGKILL after kill_grace = {config.Parameters.KillGrace})");
        JobLog.LeftoversStopped(log, jobId, left, killed);
    }

    private static Exception Root(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e;
    }

    private Dictionary<string, string> ChildEnvironment() => new()
    {
        [JobLogger.EnvJobId] = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ConfigLoader.EnvConfig] = Path.GetFullPath(config.FilePath),
    };

    /// <summary>Logs live in {frame_dir}/logs/, so the command starts in its frame's folder.</summary>
    private string? WorkingDirectory()
    {
        var frameDir = Path.GetDirectoryName(Path.GetDirectoryName(logPath));
        return frameDir is not null && Directory.Exists(frameDir) ? frameDir : null;
    }
}
