using System.Text.RegularExpressions;

namespace SatDaemon.Database.Frames;

/// <summary>Rules of frame and burst ids: frame {TRACK:000}{A|D}_{TEXT}_{TEXT}, burst {TRACK}_{ANXID}_{SWATH}.</summary>
public static partial class FrameIds
{
    // \z, not $: $ also matches before a trailing newline, which would let "132A_A_B\n" through into paths and commands.
    [GeneratedRegex(@"^(?<track>\d{3})(?<dir>[AD])_(?<a>[A-Za-z0-9]+)_(?<b>[A-Za-z0-9]+)\z")]
    private static partial Regex FramePattern();

    [GeneratedRegex(@"^(?<track>\d{1,3})_(?<anx>\d+)_(?<swath>IW[123])\z")]
    private static partial Regex BurstPattern();

    /// <summary>Null when valid, else what is wrong with it.</summary>
    public static string? CheckFrameId(string id)
    {
        var m = FramePattern().Match(id);
        if (!m.Success) return $"frame id '{id}' is not of the form {{TRACK:000}}{{A|D}}_{{TEXT}}_{{TEXT}}, e.g. 132A_CUSTOM_FRAME";
        var track = int.Parse(m.Groups["track"].Value);
        return track is < 1 or > 175 ? $"frame id '{id}' has track {track}, outside 1-175" : null;
    }

    public static (int Track, string Direction) ParseFrameId(string id)
    {
        var problem = CheckFrameId(id);
        if (problem is not null) throw new ArgumentException(problem, nameof(id));
        return (int.Parse(id[..3]), id[3..4]);
    }

    public static bool TryParseBurstId(string id, out int track, out int anxId, out string swath)
    {
        var m = BurstPattern().Match(id);
        track = 0; anxId = 0; swath = "";
        if (!m.Success) return false;
        track = int.Parse(m.Groups["track"].Value);
        anxId = int.Parse(m.Groups["anx"].Value);
        swath = m.Groups["swath"].Value;
        return track is >= 1 and <= 175;
    }

    public static string BurstId(int track, int anxId, string swath) => $"{track}_{anxId}_{swath}";
}
