using System.CommandLine;
using SatDaemon.Control;
using SatDaemon.Configuration;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ctl: every SatDaemonController operation; each change also asks the daemon for a new job list.</summary>
internal static class CtlCommand
{
    public static Command Build()
    {
        var ctl = new Command("ctl", "steer the daemon: frame processing level, noupdate, range, priority, power-down, retry, status");
        ctl.Subcommands.Add(Switch("full-proc", "on: run every stage up to ingest; off: run nothing", (c, f, on, ct) => c.SetFullProcAsync(f, on, ct)));
        ctl.Subcommands.Add(Switch("download", "on: download stages only; off: run nothing", (c, f, on, ct) => c.SetDownloadAsync(f, on, ct)));
        ctl.Subcommands.Add(Switch("satsar", "on: run up to the end of SatSAR; off: run nothing", (c, f, on, ct) => c.SetSatsarAsync(f, on, ct)));
        ctl.Subcommands.Add(Switch("til-timeseries", "on: run up to unwrap, no time series; off: run nothing", (c, f, on, ct) => c.SetTilTimeseriesAsync(f, on, ct)));
        ctl.Subcommands.Add(Switch("noupdate", "on: initial processing only, newer dates get no jobs once the first time series exists; an off frame is switched to full", (c, f, on, ct) => c.SetNoUpdateAsync(f, on, ct)));
        ctl.Subcommands.Add(Range());
        ctl.Subcommands.Add(Priority());
        ctl.Subcommands.Add(PowerDown());
        ctl.Subcommands.Add(CtlStatusCommand.Build());
        ctl.Subcommands.Add(CtlRetryCommand.Build());
        foreach (var c in CtlJobControlCommands.Build()) ctl.Subcommands.Add(c);
        ctl.Subcommands.Add(CtlShowCommand.Build());
        ctl.Subcommands.Add(CtlLogCommand.Build());
        ctl.Subcommands.Add(CtlHistoryCommand.Build());
        return ctl;
    }

    private static Command Switch(string name, string description, Func<SatDaemonController, string, bool, CancellationToken, Task<SettingChange>> change)
    {
        var frame = FrameArgument();
        var state = new Argument<string>("on|off") { Description = "on or off" };
        var cmd = new Command(name, description) { frame, state };
        SetChange(cmd, pr =>
        {
            var on = CtlArguments.OnOff(pr.GetRequiredValue(state));
            return (c, ct) => change(c, pr.GetRequiredValue(frame), on, ct);
        });
        return cmd;
    }

    private static Command Range()
    {
        var frame = FrameArgument();
        var start = new Argument<string>("START") { Description = "first date to process: YYYY-MM-DD or YYYYMMDD, - for open" };
        var end = new Argument<string>("END") { Description = "last date to process: YYYY-MM-DD or YYYYMMDD, - for open" };
        var cmd = new Command("range", "process only dates from START to END (inclusive)") { frame, start, end };
        SetChange(cmd, pr =>
        {
            var s = CtlArguments.OpenDate(pr.GetRequiredValue(start), "start");
            var e = CtlArguments.OpenDate(pr.GetRequiredValue(end), "end");
            return (c, ct) => c.SetProcRangeAsync(pr.GetRequiredValue(frame), s, e, ct);
        });
        return cmd;
    }

    private static Command Priority()
    {
        var frame = FrameArgument();
        var priority = new Argument<string>("N") { Description = "priority relative to other frames; higher runs first" };
        var cmd = new Command("priority", "set a frame's priority") { frame, priority };
        SetChange(cmd, pr =>
        {
            var p = CtlArguments.Priority(pr.GetRequiredValue(priority));
            return (c, ct) => c.SetPriorityAsync(pr.GetRequiredValue(frame), p, ct);
        });
        return cmd;
    }

    private static Command PowerDown()
    {
        var cmd = new Command("power-down", "cancel pending jobs, launch nothing more, let running jobs finish, then stop the daemon");
        SetChange(cmd, _ => (c, ct) => c.PowerDownAsync(ct));
        return cmd;
    }

    private static Argument<string> FrameArgument() => new("FRAME") { Description = "frame id, e.g. 132A_CUSTOM_FRAME" };

    /// <summary>
    /// <paramref name="prepare"/> checks the words before the database is opened, so bad input never
    /// reaches it; the change it returns then runs as one transaction.
    /// </summary>
    private static void SetChange(Command cmd, Func<ParseResult, Func<SatDaemonController, CancellationToken, Task<SettingChange>>> prepare)
    {
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var change = prepare(pr);
            var result = await change(Controller(config), ct);
            var output = pr.InvocationConfiguration.Output;
            for (var c = result; c is not null; c = c.Also) output.WriteLine(c.ToString());
            CommonOptions.Info(pr).WriteLine("the daemon will rebuild its job list on its next pass");
            return ToolRunner.Ok;
        });
    }

    internal static SatDaemonController Controller(SatDaemonConfig config) => new(ToolRunner.Factory(config));
}
