using System.Globalization;
using SatDaemon.Configuration;
using SatDaemon.Control.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control.JobRuntime;

/// <summary>What a job exec tells about its command's run: the .NET job exec logs it, the native one writes it to stderr.</summary>
public interface IJobRunReport
{
    void CommandStarted(string program, int pid);

    void SignalForwarded(string signal, int pid);

    void CannotStart(string program, string error);

    void LogWriteFailed(Exception e);

    void UsageMeasured(string usage, string sampling);

    void UsageNotMeasured(Exception e);

    void LeftoversStopped(int left, int killed);

    void CommandEnded(string result);
}

/// <summary>
/// The part of job exec between the start record and the end record, shared by the .NET job exec and the native one
/// (compiled into both): the command with its log sink, usage sampling and signal forwarding, TERM→KILL of what it
/// left in the session, and Slurm's verdict — as the outcome the spool and the end record are made from.
/// </summary>
/// <param name="name">How the wrapper names itself in the job's log ("satdaemon-tools job exec").</param>
public sealed class JobCommandRun(SatDaemonConfig config, long jobId, string logPath, string name, IJobRunReport report)
{
    /// <summary>The variable that gives the command its job id (JobLogger reads it; the native file has no JobLogger).</summary>
    public const string EnvJobId = "SATDAEMON_JOB_ID";

    public async Task<JobOutcomeFile> RunAsync(IReadOnlyList<string> argv)
    {
        ExitStatus status;
        string tail;
        JobUsage? usage;
        await using (var sampler = new UsageSampler())
        using (var sink = new JobLogSink(logPath, report.LogWriteFailed))
        {
            var child = new JobChildProcess(sink);
            status = await child.RunAsync(argv, ChildEnvironment(), WorkingDirectory(),
                (pid, program) =>
                {
                    sampler.Start();
                    report.CommandStarted(program, pid);
                },
                report.SignalForwarded,
                async () =>
                {
                    // The last sample sees what the command left running, before it is stopped.
                    await sampler.CommandEndedAsync();
                    await StopLeftoversAsync(sink);
                });
            if (status.StartError is { } startError)
            {
                report.CannotStart(argv[0], startError);
                sink.Write($"{name}: cannot start " + startError);
            }
            usage = status.StartError is null ? MeasuredUsage(sampler, sink) : null;
            tail = sink.Tail.ToString();
        }
        report.CommandEnded(status.Describe());

        // Under Slurm a failed command may have been ended by Slurm (time limit, node failure): say so in the error.
        var error = status.Success ? null
            : await SlurmVerdictQuery.AskAsync() is { } verdict ? $"{verdict}; {status.Describe()}" : status.Describe();
        return new JobOutcomeFile(jobId, status.Success, status.ExitCode, status.Signal, error, tail, usage);
    }

    /// <summary>"job_start_timeout = 2m" or, when the environment set a shorter budget, "8 s (SATDAEMON_REPORT_RETRY_SECONDS)".</summary>
    public static string StartLimit(SatDaemonConfig config, JobLoggerOptions options) =>
        options.StartRetryBudget < config.Parameters.JobStartTimeout
            ? $"{options.StartRetryBudget.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({JobLoggerOptions.EnvRetrySeconds})"
            : $"job_start_timeout = {DurationParser.Format(config.Parameters.JobStartTimeout)}";

    /// <summary>The innermost exception: the one that says what the database answered.</summary>
    public static Exception Root(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e;
    }

    /// <summary>
    /// The command's measured use, written to the job log with the sampler's own cost. Measuring is never a reason
    /// for a job to fail: a sampler that breaks gives no figures.
    /// </summary>
    private JobUsage? MeasuredUsage(UsageSampler sampler, JobLogSink sink)
    {
        try
        {
            if (sampler.Finish() is not { } usage) return null;
            var cost = sampler.CostText();
            sink.Write($"{name}: used {usage.Describe()} ({cost})");
            report.UsageMeasured(usage.Describe(), cost);
            return usage;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report.UsageNotMeasured(e);
            return null;
        }
    }

    /// <summary>
    /// What the command left running in the job's session is stopped before the end is recorded, so the job's budget
    /// is freed only when the job is really gone.
    /// </summary>
    private async Task StopLeftoversAsync(JobLogSink sink)
    {
        var (left, killed) = await JobSession.StopLeftoversAsync(config.Parameters.KillGrace);
        if (left == 0) return;
        sink.Write($"{name}: the command left {left} process(es) running; stopped them ({killed} needed SIGKILL after kill_grace = {DurationParser.Format(config.Parameters.KillGrace)})");
        report.LeftoversStopped(left, killed);
    }

    private Dictionary<string, string> ChildEnvironment() => new()
    {
        [EnvJobId] = jobId.ToString(CultureInfo.InvariantCulture),
        [ConfigLoader.EnvConfig] = Path.GetFullPath(config.FilePath),
    };

    /// <summary>Logs live in {frame_dir}/logs/, so the command starts in its frame's folder.</summary>
    private string? WorkingDirectory()
    {
        var frameDir = Path.GetDirectoryName(Path.GetDirectoryName(logPath));
        return frameDir is not null && Directory.Exists(frameDir) ? frameDir : null;
    }
}
