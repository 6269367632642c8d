using System.Globalization;
using System.Runtime.InteropServices;
using SatDaemon.Configuration;
using SatDaemon.Control.JobRuntime;
using SatDaemon.Control.Jobs;
using SatDaemon.JobProtocol;
using SatDaemon.JobRecords;

namespace SatDaemon.JobExec;

/// <summary>
/// The native job exec: what `satdaemon-tools job exec` does, in a process that costs a few MB while its command
/// runs. Start: the guarded start record (<see cref="JobDatabase"/>; refused → the command is not run, exit 3; no
/// answer within the start budget → exit 4). Run: the command with its log sink, usage sampling and signal forwarding,
/// then TERM→KILL of what it left in the session (the .NET job exec's own classes). End: the outcome spool FIRST, then
/// the end recorded here (<see cref="JobDatabase.RecordEndAsync"/>: JobEndRecord, the statements JobStore runs), a final
/// failure posted to Teams (<see cref="TeamsPost"/>), and the spool deleted; if the database does not take the end
/// within the outcome budget, the spool stays and the daemon records the end from it when it finds job exec gone.
/// </summary>
internal sealed class NativeJobExec(SatDaemonConfig config, JobExecArguments args)
{
    private const string Name = "satdaemon-job-exec";

    private readonly JobDatabase _database = new(config, new JobVersionReader(config, line => Console.Error.WriteLine($"{Name}: {line}")).Of, Say);

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
            if (!await _database.MarkStartedAsync(args.JobId, Environment.ProcessId, options.StartRetryBudget, CancellationToken.None))
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
        await RecordAsync(outcome, options);
        return outcome.ExitCode ?? JobExitCodes.Failed;
    }

    private Task<JobOutcomeFile> RunCommandAsync() =>
        new JobCommandRun(config, args.JobId, args.LogPath, Name, new StderrRunReport(args.JobId, args.LogPath, Say)).RunAsync(args.Command);

    /// <summary>The spool first; then the end recorded here, Teams told of a final failure, and the spool deleted.</summary>
    private async Task RecordAsync(JobOutcomeFile outcome, JobLoggerOptions options)
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
        JobEndResult end;
        try
        {
            end = await _database.RecordEndAsync(outcome, options.OutcomeRetryBudget, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Say($"job {args.JobId}: cannot record its end: {JobCommandRun.Root(e).Message}; its end stays in {spool} for the daemon to record");
            return;
        }
        await Say(end.Kind switch
        {
            JobEndKind.AlreadyEnded => $"job {args.JobId}: its end was already recorded (by the daemon); nothing changed",
            JobEndKind.Cancelled => $"job {args.JobId}: recorded as cancelled",
            _ => end.Failure is null ? $"job {args.JobId}: success recorded" : $"job {args.JobId}: failure recorded{(end.WillRetry ? " (will retry)" : "")}",
        });
        // The same line the .NET JobLogger logs beside the over_budget event JobEndRecord wrote: the job's own log says
        // it, not only the database.
        if (end is { Kind: JobEndKind.Recorded, Job: { } job } && outcome.Usage is { } usage
            && BudgetOverrun.Check(usage, job.Cpus, job.Memory, config.Parameters.OverBudgetMargin) is { } overrun)
            await Say($"job {args.JobId} ({job.JobType}) took more than its budget: {overrun}; used {usage.Describe()}");
        if (end is { Kind: JobEndKind.Recorded, WillRetry: false, Failure: { } f })
        {
            var card = JobFailureCard.Create(f.FrameId, f.JobType, f.StageName, f.Stage, f.Date, f.Date2, f.Machine, f.ExitCode, f.Error, f.JobId, f.Attempt, f.LogTail);
            if (await TeamsPost.SendAsync(config.Parameters.TeamsWebhook, card, options.TeamsFlushTimeout) is { } problem)
                await Say($"job {args.JobId}: Teams post failed, its failure card is dropped: {problem}");
        }
        // Recorded, by this process or already by the daemon: the spool has done its job.
        File.Delete(spool);
    }

    private static Task Say(string line) => Console.Error.WriteLineAsync($"{Name}: {line}");
}
