using System.CommandLine;
using System.Text;
using SatDaemon.Control;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ctl log JOB [-f]: the job's log, from its machine; -f follows it until the job ends.</summary>
internal static class CtlLogCommand
{
    private static readonly TimeSpan FollowPoll = TimeSpan.FromSeconds(1);

    public static Command Build()
    {
        var job = new Argument<string>("JOB") { Description = "job id (as ctl status shows it)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "keep printing what is appended until the job ends" };
        var cmd = new Command("log", "print a job's log (local, or over SSH from its machine)") { job, follow };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var id = CtlJobControlCommands.JobId(pr.GetRequiredValue(job), "job id");
            var controller = CtlCommand.Controller(config);
            var details = await controller.ShowJobAsync(id, ct);
            if (details.LogPath is not { } path) throw new NotFoundException($"job {id} has no log path recorded");
            var reader = new JobLogReader(path, config.Machines.FirstOrDefault(m => m.Name == details.Machine));
            var output = pr.InvocationConfiguration.Output;
            long offset = 0;
            while (true)
            {
                var text = await reader.ReadFromAsync(offset, ct);
                output.Write(text);
                output.Flush();
                offset += Encoding.UTF8.GetByteCount(text);
                if (!pr.GetValue(follow) || (await controller.ShowJobAsync(id, ct)).State is not ("RUNNING" or "STOPPING")) break;
                await Task.Delay(FollowPoll, ct);
            }
            // The job ended between the last read and the state check: what it wrote last is printed too.
            if (pr.GetValue(follow)) output.Write(await reader.ReadFromAsync(offset, ct));
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
