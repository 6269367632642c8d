using System.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>frame fill-files FRAME: the seed's fill_files_table.</summary>
internal static class FrameFillFilesCommand
{
    public static Command Build()
    {
        var frame = FrameCommand.FrameArgument();
        var cmd = new Command("fill-files", "link every ingested file that covers any of the frame's bursts (frames2files)");
        cmd.Arguments.Add(frame);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var added = await FrameCommand.Manager(config).FillFilesAsync(pr.GetValue(frame)!, ct);
            Console.WriteLine($"{pr.GetValue(frame)}: {added} files linked");
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
