using System.Globalization;

namespace SatDaemon.Database.Versions;

/// <summary>
/// Versions compare as versions: dot-separated whole numbers part by part (1.10 is newer than 1.9, 2 equals 2.0), an
/// optional leading "v" ignored. A version that is not of that form compares as text (ordinal) with any other; callers
/// say so (<see cref="IsNumeric"/>), since "2.0-beta" against "2.0" as text may not be what the operator meant.
/// </summary>
public sealed class SoftwareVersionOrder : IComparer<string?>
{
    public static readonly SoftwareVersionOrder Instance = new();

    public static bool IsNumeric(string version) => Parts(version) is not null;

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        if (Parts(x) is not { } a || Parts(y) is not { } b) return string.CompareOrdinal(x, y);
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var c = (i < a.Length ? a[i] : 0).CompareTo(i < b.Length ? b[i] : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>True when <paramref name="version"/> is older than <paramref name="than"/>.</summary>
    public static bool Older(string version, string than) => Instance.Compare(version, than) < 0;

    private static long[]? Parts(string version)
    {
        var text = version.StartsWith('v') || version.StartsWith('V') ? version[1..] : version;
        var words = text.Split('.');
        var parts = new long[words.Length];
        for (var i = 0; i < words.Length; i++)
            if (words[i].Length == 0 || !long.TryParse(words[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i])) return null;
        return parts;
    }
}
