using System.CommandLine;
using System.Text.Json;
using SatDaemon.Control;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ctl status: the daemon, running and pending jobs, machine usage, recent failures.</summary>
internal static class CtlStatusCommand
{
    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "print the status as JSON, for scripts and monitoring" };
        var cmd = new Command("status", "show whether the daemon is alive, what runs where, what is pending and what failed") { json };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var status = await CtlCommand.Controller(config).GetStatusAsync(config.Machines, config.Parameters.PollInterval, ct);
            var output = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(status, StatusJson.Options));
            else StatusReport.Write(status, output);
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
