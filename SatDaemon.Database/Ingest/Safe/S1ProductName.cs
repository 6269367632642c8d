using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>
/// The parts of a Sentinel-1 product name
/// (<c>MMM_BB_TTTR_LFPP_YYYYMMDDTHHMMSS_YYYYMMDDTHHMMSS_OOOOOO_DDDDDD_CCCC</c>, ESA naming convention).
/// <see cref="Id"/> is rebuilt from the parts, so <c>with</c>-copies yield a consistent new name.
/// </summary>
public sealed partial record S1ProductName(
    string Mission,
    string Mode,
    string ProductType,
    char Resolution,
    char Level,
    char ProductClass,
    string Polarisation,
    DateTime Start,
    DateTime Stop,
    int AbsoluteOrbit,
    string DatatakeId,
    string UniqueId)
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmss";

    /// <summary>The name without <c>.zip</c> / <c>.SAFE</c>, e.g. <c>S1A_IW_SLC__1SDV_..._7768</c>.</summary>
    public string Id =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Mission}_{Mode}_{ProductType}{Resolution}_{Level}{ProductClass}{Polarisation}_{Start.ToString(TimeFormat, CultureInfo.InvariantCulture)}_{Stop.ToString(TimeFormat, CultureInfo.InvariantCulture)}_{AbsoluteOrbit:D6}_{DatatakeId}_{UniqueId}");

    /// <summary>Mission datatake id as a number (the name carries it in hex).</summary>
    public int DatatakeNumber => int.Parse(DatatakeId, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public override string ToString() => Id;

    /// <summary>Parses a product name, a file name or a path (".zip", ".SAFE", ".SAFE.zip" are stripped).</summary>
    /// <exception cref="FormatException">The name is not a Sentinel-1 product name; the message says why.</exception>
    public static S1ProductName Parse(string name) =>
        TryParse(name, out var result, out var reason) ? result : throw new FormatException(reason);

    public static bool TryParse(string? name, [NotNullWhen(true)] out S1ProductName? result) =>
        TryParse(name, out result, out _);

    public static bool TryParse(string? name, [NotNullWhen(true)] out S1ProductName? result, out string reason)
    {
        result = null;
        var stem = StripExtensions(name);
        if (stem.Length == 0)
        {
            reason = "empty product name";
            return false;
        }

        if (!stem.StartsWith("S1", StringComparison.Ordinal) || stem.Length < 3 || "ABCD".IndexOf(stem[2]) < 0)
        {
            reason = $"'{stem}' is not a Sentinel-1 product name (expected a S1A/S1B/S1C/S1D prefix)";
            return false;
        }

        var m = NamePattern().Match(stem);
        if (!m.Success)
        {
            reason = $"'{stem}' does not follow the Sentinel-1 naming convention " +
                     "MMM_BB_TTTR_LFPP_YYYYMMDDTHHMMSS_YYYYMMDDTHHMMSS_OOOOOO_DDDDDD_CCCC";
            return false;
        }

        if (!TryParseTime(m.Groups["start"].Value, out var start) || !TryParseTime(m.Groups["stop"].Value, out var stop))
        {
            reason = $"'{stem}' has an invalid start or stop time";
            return false;
        }

        if (stop < start)
        {
            reason = $"'{stem}' stops before it starts";
            return false;
        }

        result = new S1ProductName(
            m.Groups["mission"].Value,
            m.Groups["mode"].Value,
            m.Groups["type"].Value,
            m.Groups["res"].Value[0],
            m.Groups["level"].Value[0],
            m.Groups["class"].Value[0],
            m.Groups["pol"].Value,
            start,
            stop,
            int.Parse(m.Groups["orbit"].Value, CultureInfo.InvariantCulture),
            m.Groups["dt"].Value,
            m.Groups["uid"].Value);
        reason = "";
        return true;
    }

    private static string StripExtensions(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "";
        var stem = Path.GetFileName(name.Trim().TrimEnd('/', '\\'));
        foreach (var ext in new[] { ".zip", ".SAFE" })
        {
            if (stem.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
                stem = stem[..^ext.Length];
        }

        return stem;
    }

    private static bool TryParseTime(string s, out DateTime value) =>
        DateTime.TryParseExact(s, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    // Mode: IW/EW/WV or stripmap S1..S6. Type: SLC/GRD/RAW/OCN. Resolution: _ (none) F/H/M.
    // Class: S(tandard)/A(nnotation)/C(alibration)/N(oise). Polarisation: single/dual or partial dual.
    [GeneratedRegex(
        "^(?<mission>S1[ABCD])_(?<mode>IW|EW|WV|S[1-6])_(?<type>SLC|GRD|RAW|OCN)(?<res>[_FHM])_" +
        "(?<level>[0-2])(?<class>[SACN])(?<pol>SH|SV|DH|DV|HH|HV|VV|VH)_" +
        "(?<start>\\d{8}T\\d{6})_(?<stop>\\d{8}T\\d{6})_(?<orbit>\\d{6})_(?<dt>[0-9A-F]{6})_(?<uid>[0-9A-F]{4})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
