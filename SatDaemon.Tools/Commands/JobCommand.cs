using System.CommandLine;
using SatDaemon.Control.JobRuntime;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// satdaemon-tools job …: the job protocol. exec wraps a launched command; progress, warn and error are its reports
/// (for commands in any language); simulate stands in for processing software in the demo and tests.
/// </summary>
internal static class JobCommand
{
    /// <summary>Exit code of a report for a job that is not running (unknown, or its end already recorded).</summary>
    public const int NotRunning = JobExitCodes.NotRunning;

    /// <summary>Exit code of job exec when its start could not be recorded (database unreachable for job_start_timeout): the command was not run.</summary>
    public const int StartNotRecorded = JobExitCodes.StartNotRecorded;

    public static Command Build()
    {
        var cmd = new Command("job", "run and report jobs (the JobLogger protocol)");
        cmd.Subcommands.Add(BuildExec());
        cmd.Subcommands.Add(BuildProgress());
        cmd.Subcommands.Add(BuildMessage("warn", "record a warning of a running job (job_events) and post it to Teams", JobReportRunner.Kind.Warn));
        cmd.Subcommands.Add(BuildMessage("error", "record an error message of a running job (job_events) and post it to Teams; the job's end is still decided by its exit code", JobReportRunner.Kind.Error));
        cmd.Subcommands.Add(JobSimulateCommand.Build());
        return cmd;
    }

    /// <summary>--job-id N, defaulting to $SATDAEMON_JOB_ID (set by job exec for the command it runs).</summary>
    public static Option<long?> JobIdOption(bool required = false) => new("--job-id", "-j")
    {
        Description = required ? "id of the running job (as given by the daemon)" : "id of the running job (default: $SATDAEMON_JOB_ID, set by job exec)",
        Required = required,
    };

    private static Command BuildExec()
    {
        var jobId = JobIdOption(required: true);
        var instance = new Option<string?>("--instance") { Description = "installation identity (daemon_tools.instance_id) the daemon puts on the line, so that it never takes another installation's job for its own" };
        var log = new Option<FileInfo>("--log") { Description = "log file; the command's stdout and stderr are appended to it, the outcome goes to LOG.outcome.json", Required = true };
        var command = new Argument<string[]>("command") { Description = "the command and its arguments, after --; run directly, never through a shell", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("exec", "run a job's command: mark the job running, pass SATDAEMON_JOB_ID and SATDAEMON_CONFIG, log its output, "
            + "stop what it leaves running in its session, record its end. Exit code = the command's; 3 when the job is not running "
            + "(the command was not run); 4 when its start could not be recorded within job_start_timeout (the command was not run)");
        cmd.Options.Add(instance);
        cmd.Options.Add(jobId);
        cmd.Options.Add(log);
        cmd.Arguments.Add(command);
        ToolRunner.SetAction(cmd, async (pr, config, _) =>
        {
            // The token is ignored on purpose: SIGTERM goes to the command, and its end must still be recorded.
            using var loggers = JobToolLogging.Create(CommonOptions.Level(pr));
            return await new JobExecRunner(config, pr.GetValue(jobId)!.Value, pr.GetValue(log)!.FullName, loggers).RunAsync(pr.GetValue(command)!);
        }, securityWarnings: false, checkDatabase: false);
        return cmd;
    }

    private static Command BuildProgress()
    {
        var jobId = JobIdOption();
        var percent = new Argument<double>("percent") { Description = "progress 0-100" };
        var message = new Argument<string?>("message") { Description = "what the job is doing now", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("progress", "report a running job's progress (running_jobs.progress and .message); exit 3 when the job is not running");
        cmd.Options.Add(jobId);
        cmd.Arguments.Add(percent);
        cmd.Arguments.Add(message);
        ToolRunner.SetAction(cmd, (pr, config, ct) =>
            JobReportRunner.RunAsync(config, pr.GetValue(jobId), JobReportRunner.Kind.Progress, pr.GetValue(message), pr.GetValue(percent), ct), securityWarnings: false, checkDatabase: false);
        return cmd;
    }

    private static Command BuildMessage(string name, string description, JobReportRunner.Kind kind)
    {
        var jobId = JobIdOption();
        var message = new Argument<string>("message") { Description = "the message" };
        var cmd = new Command(name, description + "; exit 3 when the job is not running");
        cmd.Options.Add(jobId);
        cmd.Arguments.Add(message);
        ToolRunner.SetAction(cmd, (pr, config, ct) =>
            JobReportRunner.RunAsync(config, pr.GetValue(jobId), kind, pr.GetValue(message), null, ct), securityWarnings: false, checkDatabase: false);
        return cmd;
    }
}
