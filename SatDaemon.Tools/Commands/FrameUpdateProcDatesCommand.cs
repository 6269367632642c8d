using System.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>frame update-procdates FRAME [--master DATE]: the seed's update_procdates.</summary>
internal static class FrameUpdateProcDatesCommand
{
    public static Command Build()
    {
        var frame = FrameCommand.FrameArgument();
        var master = new Option<string?>("--master") { Description = "master date (YYYY-MM-DD or YYYYMMDD) when the frame has none; default: the date with the smallest total baseline" };
        var cmd = new Command("update-procdates", "add master, ifg and rsar_ifg rows for every date whose files cover all the frame's bursts");
        cmd.Arguments.Add(frame);
        cmd.Options.Add(master);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            // Parsed before touching the database, so a bad date changes nothing.
            var masterDate = pr.GetValue(master) is { } text ? DateArgument.Parse(text) : (DateOnly?)null;
            var r = await FrameCommand.Manager(config).UpdateProcDatesAsync(pr.GetValue(frame)!, masterDate, ct);
            var masterText = r.Master is { } m ? $"{m:yyyy-MM-dd}{(r.MasterAdded ? " (new)" : "")}" : "none (no usable date)";
            Console.WriteLine($"{r.FrameId}: {r.UsableDates.Count} usable dates, master {masterText}, {r.IfgAdded.Count} ifg rows added, {r.RsarIfgAdded.Count} rsar_ifg rows added");
            foreach (var d in r.IfgAdded) Console.WriteLine($"  ifg {d:yyyy-MM-dd}");
            if (r.TimeSeriesReset) Console.WriteLine("  time series reset to run again with the new interferograms");
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
