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
            var versions = new JobVersionReader(config, line => Console.Error.WriteLine($"{Name}: {line}"));
            if (!await new JobDatabase(config, versions.Of).MarkStartedAsync(args.JobId, Environment.ProcessId, options.StartRetryBudget, CancellationToken.None))
            {
                // Nothing runs: the daemon gave up on this job (or it never existed), and running it could duplicate work.
                await Console.Error.WriteLineAsync($"error: job {args.JobId} is not running (unknown or already finished); the command was not run");
                return JobExitCodes.NotRunning;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var waited = TimeProvider.System.GetElapsedTime(trying);
            await Say($"cannot record the start of job {args.JobId}: {JobCommandRun.Root(e).Message} (gave up after trying for "
                + $"{waited.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; limit {JobCommandRun.StartLimit(config, options)}); the command was not run");
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

    private Task<JobOutcomeFile> RunCommandAsync() =>
        new JobCommandRun(config, args.JobId, args.LogPath, Name, new StderrRunReport(args.JobId, args.LogPath, Say)).RunAsync(args.Command);

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
}
