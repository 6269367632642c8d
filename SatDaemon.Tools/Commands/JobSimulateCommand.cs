using System.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>job simulate: a stand-in processing command for the demo and tests.</summary>
internal static class JobSimulateCommand
{
    public static Command Build()
    {
        var stage = new Option<string>("--stage") { Description = "stage name, used in messages and matched by the *_PATTERN variables", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "how long the work takes, in seconds", DefaultValueFactory = _ => 2 };
        var steps = new Option<int>("--progress-steps") { Description = "progress reports over that time", DefaultValueFactory = _ => 4 };
        var fail = new Option<bool>("--fail") { Description = "write an error line and exit with --exit-code instead of writing outputs" };
        var exitCode = new Option<int>("--exit-code") { Description = "exit code of --fail", DefaultValueFactory = _ => 1 };
        var die = new Option<bool>("--die") { Description = "kill itself with SIGKILL halfway, writing no outputs" };
        var cmd = new Command("simulate",
            "pretend to process the job in $SATDAEMON_JOB_ID: report progress, then write every output of its job type. "
            + $"${JobSimulateRunner.EnvFailPattern} / ${JobSimulateRunner.EnvDiePattern}: a substring of \"FRAME STAGE DATE\" "
            + "(DATE yyyyMMdd or DATE1_DATE2) that makes matching jobs fail / die");
        cmd.Options.Add(stage);
        cmd.Options.Add(seconds);
        cmd.Options.Add(steps);
        cmd.Options.Add(fail);
        cmd.Options.Add(exitCode);
        cmd.Options.Add(die);
        ToolRunner.SetAction(cmd, (pr, config, ct) => new JobSimulateRunner(config, new JobSimulateRunner.Settings(
            pr.GetValue(stage)!, TimeSpan.FromSeconds(Math.Max(0, pr.GetValue(seconds))), Math.Max(1, pr.GetValue(steps)),
            pr.GetValue(fail), pr.GetValue(exitCode), pr.GetValue(die))).RunAsync(ct), securityWarnings: false, checkDatabase: false);
        return cmd;
    }
}
