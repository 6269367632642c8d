using System.CommandLine;
using SatDaemon.Database.Bursts;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools bursts list|export: the known bursts, to design frames from (the seed's bursts map).</summary>
internal static class BurstsCommand
{
    public static Command Build()
    {
        var cmd = new Command("bursts", "list or export the bursts ingest has found, by track, swath and lon/lat box, to design frames");
        cmd.Subcommands.Add(BurstsListCommand.Build());
        cmd.Subcommands.Add(BurstsExportCommand.Build());
        return cmd;
    }
}

/// <summary>--track, --swath and --bbox, shared by list and export.</summary>
internal sealed class BurstFilterOptions
{
    private readonly Option<int?> _track = new("--track") { Description = "relative orbit, 1-175" };
    private readonly Option<string?> _swath = new("--swath") { Description = "IW1, IW2 or IW3" };
    private readonly Option<string?> _bbox = new("--bbox") { Description = "W,S,E,N in degrees (WGS84): bursts whose outline touches this box" };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(_track);
        cmd.Options.Add(_swath);
        cmd.Options.Add(_bbox);
    }

    /// <exception cref="FormatException">A bad track, swath or box, named (exit 2 through ToolRunner).</exception>
    public BurstFilter Parse(ParseResult pr)
    {
        var track = pr.GetValue(_track);
        if (track is < 1 or > 175) throw new FormatException($"--track {track}: expected a relative orbit 1-175");
        return new BurstFilter(track, BurstFilter.ParseSwath(pr.GetValue(_swath)), pr.GetValue(_bbox) is { } box ? BurstFilter.ParseBox(box) : null);
    }
}
