using System.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>frame create --id ID --bursts B1,B2,…: the seed's make_new_frame_using_burstlist.</summary>
internal static class FrameCreateCommand
{
    public static Command Build()
    {
        var id = new Option<string>("--id") { Description = "frame id {TRACK:000}{A|D}_{TEXT}_{TEXT}", Required = true };
        var bursts = new Option<string>("--bursts") { Description = "comma-separated burst ids TRACK_ANXID_IWn", Required = true };
        var cmd = new Command("create", "create a frame from existing bursts of one track and direction");
        cmd.Options.Add(id);
        cmd.Options.Add(bursts);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var list = pr.GetValue(bursts)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var frame = await FrameCommand.Manager(config).CreateAsync(pr.GetValue(id)!, list, ct: ct);
            Console.WriteLine($"created frame {frame.Id} (track {frame.Track}{frame.OrbitDirection}, {list.Distinct().Count()} bursts)");
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
