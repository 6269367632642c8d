using System.Globalization;
using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Bursts;

/// <summary>Which bursts to list or export: a track, a swath (IW1…IW3), a lon/lat box; each null means any.</summary>
public sealed record BurstFilter(int? Track = null, string? Swath = null, Envelope? Box = null)
{
    /// <summary>
    /// Parses <c>W,S,E,N</c> in degrees (WGS84). A box across the antimeridian (W &gt; E) is refused rather than
    /// guessed at: it is rare for frame design and easy to split into two calls.
    /// </summary>
    /// <exception cref="FormatException">Not four numbers, out of range, or empty.</exception>
    public static Envelope ParseBox(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
            throw new FormatException($"--bbox '{text}': expected W,S,E,N (four numbers in degrees, e.g. 10.5,45,11.2,45.8)");
        var v = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                throw new FormatException($"--bbox '{text}': '{parts[i]}' is not a number");
        }
        var (w, s, e, n) = (v[0], v[1], v[2], v[3]);
        if (w < -180 || e > 180 || s < -90 || n > 90)
            throw new FormatException($"--bbox '{text}': longitudes must lie in -180..180 and latitudes in -90..90");
        if (w >= e || s >= n)
            throw new FormatException($"--bbox '{text}': west must be less than east and south less than north (a box across the antimeridian: two calls)");
        return new Envelope(w, e, s, n);
    }

    /// <summary>IWn in any case, as the bursts table has it (upper case); null or empty: any swath.</summary>
    /// <exception cref="FormatException">Not IW1, IW2 or IW3.</exception>
    public static string? ParseSwath(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim().ToUpperInvariant();
        return s is "IW1" or "IW2" or "IW3" ? s : throw new FormatException($"--swath '{text}': expected IW1, IW2 or IW3");
    }
}
