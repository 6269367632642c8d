using System.CommandLine;
using System.Text.Json;
using SatDaemon.Control;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ctl status: the daemon, running and pending jobs, machine usage, recent failures.</summary>
internal static class CtlStatusCommand
{
    public static Command Build()
    {
        var json = new Option<bool>("--json")
        {
            Description = "print the status as JSON: {now, heartbeat, daemon_host, daemon_pid, looks_alive, stopped, power_down, "
                + "recreate_joblist, running: [{job_id, frame_id, job_type, stage_name, date, date2, machine, pid, progress, message, "
                + "started_at, cpus, memory, disk}], pending: [{frame_id, stage_name, count, reason}], machines: [{machine, running_jobs, "
                + "cpus, cpus_budget, memory, memory_budget, disk, disk_budget}], recent_failures: [{job_id, frame_id, job_type, stage_name, "
                + "date, date2, machine, exit_code, error, failed_at, retried}], state}; times UTC",
        };
        var frame = new Option<string?>("--frame") { Description = "show only this frame's running, pending and failed jobs (machine usage stays whole)" };
        var cmd = new Command("status", "show whether the daemon is alive, what runs where, what is pending and why (REASON: the planner's "
            + "categories at the last pass, backoff, not planned yet) and what failed. Exit 0 the daemon runs, 3 it does not (stopped, "
            + "stale heartbeat, never seen), 1 failed (e.g. the database cannot be reached)") { json, frame };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var status = await CtlCommand.Controller(config).GetStatusAsync(config.Machines, config.Parameters.PollInterval, pr.GetValue(frame), ct);
            var output = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(status, StatusJson.Options));
            else StatusReport.Write(status, output);
            // As systemctl status: a script asks "is it running?" by the exit code alone.
            return status.LooksAlive ? ToolRunner.Ok : ToolRunner.DaemonNotRunning;
        });
        return cmd;
    }
}
