using System.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>frame set-master FRAME DATE [--force]: the seed's set_master_for_frame.</summary>
internal static class FrameSetMasterCommand
{
    public static Command Build()
    {
        var frame = FrameCommand.FrameArgument();
        var date = new Argument<string>("DATE") { Description = "new master date, YYYY-MM-DD or YYYYMMDD" };
        var force = new Option<bool>("--force") { Description = "change the master even though work done against the old one is redone" };
        var cmd = new Command("set-master", "change a frame's master date; refuses, listing the rows, when data would be reprocessed unless --force");
        cmd.Arguments.Add(frame);
        cmd.Arguments.Add(date);
        cmd.Options.Add(force);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var newMaster = DateArgument.Parse(pr.GetValue(date)!);
            var r = await FrameCommand.Manager(config).SetMasterAsync(pr.GetValue(frame)!, newMaster, pr.GetValue(force), ct);
            if (!r.Changed)
            {
                Console.WriteLine($"{r.FrameId}: master is already {r.NewMaster:yyyy-MM-dd}");
                return ToolRunner.Ok;
            }
            var old = r.OldMaster is { } o ? $"{o:yyyy-MM-dd}" : "none";
            Console.WriteLine($"{r.FrameId}: master {old} → {r.NewMaster:yyyy-MM-dd}, {r.Reset.Count} rows reset");
            foreach (var line in r.Reset) Console.WriteLine("  " + line);
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
