using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SatDaemon.Control;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ctl show JOB [--json]: one job as scontrol show job gives it.</summary>
internal static class CtlShowCommand
{
    public static Command Build()
    {
        var job = new Argument<string>("JOB") { Description = "job id (as ctl status shows it)" };
        var json = new Option<bool>("--json") { Description = "print the job as JSON" };
        var cmd = new Command("show", "show one job: frame, type, stage, machine, pid, resources, times, state, exit code, events") { job, json };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var d = await CtlCommand.Controller(config).ShowJobAsync(CtlJobControlCommands.JobId(pr.GetRequiredValue(job), "job id"), ct);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(d, StatusJson.Options));
                return ToolRunner.Ok;
            }
            // key=value pairs, a few per line, as scontrol prints them: easy to read and to grep.
            o.WriteLine($"JobId={d.JobId} JobState={d.State} Frame={V(d.FrameId)} JobType={V(d.JobType)} Stage={V(d.StageName)} Date={Dates(d.Date, d.Date2)}");
            o.WriteLine($"   Version={V(d.SoftwareVersion)}");
            o.WriteLine($"   Machine={V(d.Machine)} Pid={V(d.Pid)} Cpus={V(d.Cpus)} MemoryGb={V(d.Memory)} Disk={V(d.Disk)} Progress={V(d.Progress)}");
            o.WriteLine($"   QueuedAt={T(d.QueuedAt)} LaunchedAt={T(d.LaunchedAt)} EndedAt={T(d.EndedAt)}");
            o.WriteLine($"   ExitCode={V(d.ExitCode)} Error={V(d.Error?.Split('\n', 2)[0])}" + (d.CancelRequestedBy is { } u ? $" CancelRequestedBy={u}" : ""));
            o.WriteLine($"   Log={V(d.LogPath)}");
            o.WriteLine($"   Events ({d.Events.Count}):");
            foreach (var e in d.Events) o.WriteLine($"     {T(e.Time)} {e.Kind,-9} {e.Machine ?? "-",-10} {e.Message}");
            return ToolRunner.Ok;
        });
        return cmd;
    }

    private static string V(object? v) => v switch
    {
        null => "(null)",
        double x => x.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "(null)",
    };

    private static string T(DateTime? t) => t is { } v ? v.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(null)";

    private static string Dates(DateOnly? d1, DateOnly? d2) =>
        d1 is null ? "(null)" : d2 is null ? $"{d1:yyyy-MM-dd}" : $"{d1:yyyy-MM-dd}_{d2:yyyy-MM-dd}";
}
