using System.Globalization;
using System.Runtime.InteropServices;
using SatDaemon.Configuration;
using SatDaemon.Control.JobRuntime;
using SatDaemon.Control.Jobs;
using SatDaemon.JobProtocol;

namespace SatDaemon.JobExec;

/// <summary>
/// The native job exec: what `satdaemon-tools job exec` does, in a process that costs a few MB while its command
/// runs. Start: the guarded start record (<see cref="JobDatabase"/>; refused → the command is not run, exit 3; no
/// answer within the start budget → exit 4). Run: the command with its log sink, usage sampling and signal forwarding,
/// then TERM→KILL of what it left in the session (the .NET job exec's own classes). End: the outcome spool FIRST, then
/// `satdaemon-tools job settle` records the end through JobStore, exactly as the daemon settles a spool, with Teams;
/// if that cannot run or fails, the spool stays and the daemon records the end from it when it finds job exec gone.
/// </summary>
internal sealed class NativeJobExec(SatDaemonConfig config, JobExecArguments args)
{
    private const string Name = "satdaemon-job-exec";

    public async Task<int> RunAsync()
    {
        JobLoggerOptions options;
        try { options = JobLoggerOptions.FromEnvironment(); }
        catch (FormatException e)
        {
            await Say("error: " + e.Message);
            return JobExitCodes.Failed;
        }
        if (config.Parameters.JobStartTimeout < options.StartRetryBudget) options.StartRetryBudget = config.Parameters.JobStartTimeout;

        var trying = TimeProvider.System.GetTimestamp();
        try
        {
            if (!await new JobDatabase(config).MarkStartedAsync(args.JobId, Environment.ProcessId, options.StartRetryBudget, CancellationToken.None))
            {
                // Nothing runs: the daemon gave up on this job (or it never existed), and running it could duplicate work.
                await Console.Error.WriteLineAsync($"error: job {args.JobId} is not running (unknown or already finished); the command was not run");
                return JobExitCodes.NotRunning;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var waited = TimeProvider.System.GetElapsedTime(trying);
            await Say($"cannot record the start of job {args.JobId}: {Root(e).Message} (gave up after trying for "
                + $"{waited.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; limit {StartLimit(options)}); the command was not run");
            return JobExitCodes.StartNotRecorded;
        }
        await Say($"job {args.JobId} started (pid {Environment.ProcessId}, {TimeProvider.System.GetElapsedTime(trying).TotalMilliseconds:0} ms)");

        var outcome = await RunCommandAsync();
        // From here on job exec ignores SIGTERM and SIGINT: the end must be written, whoever stops the session now.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = true);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        await RecordAsync(outcome);
        return outcome.ExitCode ?? JobExitCodes.Failed;
    }

    private async Task<JobOutcomeFile> RunCommandAsync()
    {
        ExitStatus status;
        string tail;
        JobUsage? usage;
        await using (var sampler = new UsageSampler())
        using (var sink = new JobLogSink(args.LogPath, e => _ = Say($"job {args.JobId}: cannot write to log file {args.LogPath}: {e.Message}")))
        {
            var child = new JobChildProcess(sink);
            status = await child.RunAsync(args.Command, ChildEnvironment(), WorkingDirectory(),
                (pid, program) => sampler.Start(),
                (signal, pid) => _ = Say($"job {args.JobId}: {signal} forwarded to the command (pid {pid})"),
                async () =>
                {
                    // The last sample sees what the command left running, before it is stopped.
                    await sampler.CommandEndedAsync();
                    var (left, killed) = await JobSession.StopLeftoversAsync(config.Parameters.KillGrace);
                    if (left > 0)
                        sink.Write($"{Name}: the command left {left} process(es) running; stopped them ({killed} needed SIGKILL after kill_grace = {DurationParser.Format(config.Parameters.KillGrace)})");
                });
            if (status.StartError is { } startError) sink.Write($"{Name}: cannot start " + startError);
            usage = status.StartError is null ? MeasuredUsage(sampler, sink) : null;
            tail = sink.Tail.ToString();
        }
        await Say($"job {args.JobId} command ended: {status.Describe()}");
        // Under Slurm a failed command may have been ended by Slurm (time limit, node failure): say so in the error.
        var error = status.Success ? null
            : await SlurmVerdictQuery.AskAsync() is { } verdict ? $"{verdict}; {status.Describe()}" : status.Describe();
        return new JobOutcomeFile(args.JobId, status.Success, status.ExitCode, status.Signal, error, tail, usage);
    }

    /// <summary>Measuring is never a reason for a job to fail: a sampler that breaks gives no figures.</summary>
    private JobUsage? MeasuredUsage(UsageSampler sampler, JobLogSink sink)
    {
        try
        {
            if (sampler.Finish() is not { } usage) return null;
            sink.Write($"{Name}: used {usage.Describe()} ({sampler.CostText()})");
            return usage;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _ = Say($"job {args.JobId}: its use could not be measured ({e.Message}); the end is recorded without figures");
            return null;
        }
    }

    /// <summary>The spool first; then the end recorded by satdaemon-tools job settle (the daemon's spool path), for a moment.</summary>
    private async Task RecordAsync(JobOutcomeFile outcome)
    {
        var spool = JobOutcomeFile.PathFor(args.LogPath);
        try
        {
            outcome.Write(spool);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the spool the end cannot be handed on; the daemon finds job exec gone and records it as lost.
            await Say($"job {args.JobId}: cannot write the outcome spool {spool}: {e.Message}");
            return;
        }
        var settle = await JobSettleProcess.RunAsync(config, spool);
        if (settle is not null) await Say($"job {args.JobId}: {settle}; its end stays in {spool} for the daemon to record");
    }

    private static Task Say(string line) => Console.Error.WriteLineAsync($"{Name}: {line}");

    /// <summary>"job_start_timeout = 2m" or, when the environment set a shorter budget, "8 s (SATDAEMON_REPORT_RETRY_SECONDS)".</summary>
    private string StartLimit(JobLoggerOptions options) =>
        options.StartRetryBudget < config.Parameters.JobStartTimeout
            ? $"{options.StartRetryBudget.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({JobLoggerOptions.EnvRetrySeconds})"
            : $"job_start_timeout = {DurationParser.Format(config.Parameters.JobStartTimeout)}";

    private static Exception Root(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e;
    }

    private Dictionary<string, string> ChildEnvironment() => new()
    {
        ["SATDAEMON_JOB_ID"] = args.JobId.ToString(CultureInfo.InvariantCulture),
        [ConfigLoader.EnvConfig] = Path.GetFullPath(config.FilePath),
    };

    /// <summary>Logs live in {frame_dir}/logs/, so the command starts in its frame's folder.</summary>
    private string? WorkingDirectory()
    {
        var frameDir = Path.GetDirectoryName(Path.GetDirectoryName(args.LogPath));
        return frameDir is not null && Directory.Exists(frameDir) ? frameDir : null;
    }
}
