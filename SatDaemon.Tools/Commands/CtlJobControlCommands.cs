using System.CommandLine;
using SatDaemon.Control;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// satdaemon-tools ctl cancel | hold | release | drain | resume: Slurm-grade job control. Each writes one request
/// through <see cref="SatDaemonController"/>; the daemon carries it out at its next pass.
/// </summary>
internal static class CtlJobControlCommands
{
    public static IEnumerable<Command> Build() => [Cancel(), FrameHold("hold", "keep the frame's level but start nothing new for it; running jobs finish", true),
        FrameHold("release", "lift a hold; rows held by ctl cancel go back to waiting", false), Drain("drain", "start nothing new on the machine; running jobs finish", true),
        Drain("resume", "let the machine take new jobs again", false)];

    private static Command Cancel()
    {
        var job = new Argument<string?>("JOB") { Description = "id of a running job (as ctl status shows it)", Arity = ArgumentArity.ZeroOrOne };
        var pending = new Option<string?>("--pending") { Description = "cancel a job not yet launched, by its pending id (as satdaemon explain shows it)" };
        var cmd = new Command("cancel", "stop a running job (its whole session), recorded as cancelled, not failed, and not retried; its row is held until ctl release FRAME") { job, pending };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var (jobText, pendingText) = (pr.GetValue(job), pr.GetValue(pending));
            if ((jobText is null) == (pendingText is null))
                throw new ArgumentException("cancel needs either JOB (a running job's id) or --pending ID, not both");
            var controller = CtlCommand.Controller(config);
            var change = jobText is not null
                ? await controller.CancelJobAsync(JobId(jobText, "job id"), Environment.UserName, ct)
                : await controller.CancelPendingAsync(JobId(pendingText!, "pending id"), ct);
            pr.InvocationConfiguration.Output.WriteLine(change.ToString());
            return ToolRunner.Ok;
        });
        return cmd;
    }

    private static Command FrameHold(string name, string description, bool hold)
    {
        var frame = new Argument<string>("FRAME") { Description = "frame id, e.g. 132A_CUSTOM_FRAME" };
        var cmd = new Command(name, description) { frame };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var controller = CtlCommand.Controller(config);
            var f = pr.GetRequiredValue(frame);
            var change = hold ? await controller.HoldFrameAsync(f, Environment.UserName, ct) : await controller.ReleaseFrameAsync(f, ct);
            pr.InvocationConfiguration.Output.WriteLine(change.ToString());
            return ToolRunner.Ok;
        });
        return cmd;
    }

    private static Command Drain(string name, string description, bool drain)
    {
        var machine = new Argument<string>("MACHINE") { Description = "a [PROC_MACHINES:name] of the config" };
        var cmd = new Command(name, description) { machine };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var controller = CtlCommand.Controller(config);
            var m = pr.GetRequiredValue(machine);
            var change = drain
                ? await controller.DrainMachineAsync(m, config.Machines, Environment.UserName, ct)
                : await controller.ResumeMachineAsync(m, config.Machines, ct);
            pr.InvocationConfiguration.Output.WriteLine(change.ToString());
            return ToolRunner.Ok;
        });
        return cmd;
    }

    internal static long JobId(string text, string what) => CtlArguments.JobId(text, what);
}
