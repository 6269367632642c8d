using System.CommandLine;
using SatDaemon.Database.Model;

namespace SatDaemon.Tools.Commands;

/// <summary>frame list: every frame with its settings and date counts.</summary>
internal static class FrameListCommand
{
    public static Command Build()
    {
        var cmd = new Command("list", "list frames: track, priority, level, master, bursts, files, ifg rows");
        ToolRunner.SetAction(cmd, async (_, config, ct) =>
        {
            var frames = await FrameCommand.Manager(config).ListAsync(ct);
            Console.WriteLine($"{"frame",-24} {"track",5} {"prio",4} {"level",-14} {"master",-10} {"bursts",6} {"files",5} {"ifg",5} {"done",5}");
            foreach (var f in frames)
            {
                var master = f.MasterDate?.ToString("yyyy-MM-dd") ?? "-";
                Console.WriteLine($"{f.Id,-24} {f.Track + f.OrbitDirection,5} {f.Priority,4} {f.ProcLevel.ToName(),-14} {master,-10} {f.Bursts,6} {f.Files,5} {f.IfgRows,5} {f.IfgComplete,5}");
            }
            Console.WriteLine($"{frames.Count} frames");
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
