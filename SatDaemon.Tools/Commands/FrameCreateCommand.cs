using System.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// frame create FRAME B1,B2,… (FRAME first, as its sibling commands take it; --id/--bursts still work): the seed's
/// make_new_frame_using_burstlist.
/// </summary>
internal static class FrameCreateCommand
{
    public static Command Build()
    {
        var frameArg = new Argument<string?>("FRAME") { Description = "frame id {TRACK:000}{A|D}_{TEXT}_{TEXT}", Arity = ArgumentArity.ZeroOrOne };
        var burstArgs = new Argument<string[]>("BURSTS") { Description = "burst ids TRACK_ANXID_IWn, comma- or space-separated", Arity = ArgumentArity.ZeroOrMore };
        var id = new Option<string?>("--id") { Description = "the frame id, as FRAME (older form)" };
        var bursts = new Option<string?>("--bursts") { Description = "comma-separated burst ids, as BURSTS (older form)" };
        var cmd = new Command("create", "create a frame from existing bursts of one track and direction");
        cmd.Arguments.Add(frameArg);
        cmd.Arguments.Add(burstArgs);
        cmd.Options.Add(id);
        cmd.Options.Add(bursts);
        cmd.Validators.Add(r =>
        {
            var (positional, named) = (r.GetValue(frameArg), r.GetValue(id));
            if (positional is null && named is null) r.AddError("frame create: give the frame id (FRAME) and its bursts");
            else if (positional is not null && named is not null && positional != named)
                r.AddError($"frame create: two frame ids given ('{positional}' and --id '{named}')");
            else if ((r.GetValue(burstArgs) ?? []).Length == 0 && r.GetValue(bursts) is null)
                r.AddError("frame create: give the frame's bursts (BURSTS, e.g. 132_8603_IW1,132_8612_IW2)");
        });
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var list = (pr.GetValue(burstArgs) ?? []).Append(pr.GetValue(bursts) ?? "")
                .SelectMany(b => b.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            var frame = await FrameCommand.Manager(config).CreateAsync(pr.GetValue(frameArg) ?? pr.GetValue(id)!, list, ct: ct);
            Console.WriteLine($"created frame {frame.Id} (track {frame.Track}{frame.OrbitDirection}, {list.Distinct().Count()} bursts)");
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
