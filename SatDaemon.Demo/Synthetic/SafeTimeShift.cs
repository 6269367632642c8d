using System.Globalization;
using System.Text.RegularExpressions;
using SatDaemon.Database.Ingest.Safe;

namespace SatDaemon.Demo.Synthetic;

/// <summary>
/// Moves SAFE metadata by whole 12-day repeat cycles. Because the shift is a whole number of days, only
/// the date part of each timestamp changes and the time of day (with its microseconds) stays byte-identical,
/// so times since the ascending node, ANX ids and ESA burst ids are exactly those of the template.
/// </summary>
internal sealed partial class SafeTimeShift(int cycles)
{
    public const int RepeatCycleDays = 12;
    public const int OrbitsPerCycle = 175;

    public int Days => cycles * RepeatCycleDays;

    public int Orbits => cycles * OrbitsPerCycle;

    public S1ProductName Shift(S1ProductName name) => name with
    {
        Start = name.Start.AddDays(Days),
        Stop = name.Stop.AddDays(Days),
        AbsoluteOrbit = name.AbsoluteOrbit + Orbits,
        DatatakeId = Wrap(name.DatatakeNumber + cycles, 0x1000000).ToString("X6", CultureInfo.InvariantCulture),
        // Real unique ids are a checksum; any other 4 hex digits keep synthetic names distinct.
        UniqueId = Wrap(int.Parse(name.UniqueId, NumberStyles.HexNumber, CultureInfo.InvariantCulture) + 0x1F1 * cycles, 0x10000)
            .ToString("X4", CultureInfo.InvariantCulture),
    };

    /// <summary>Shifts timestamps, orbit, cycle and datatake numbers and embedded file names in manifest or annotation XML.</summary>
    public string ShiftXml(string xml)
    {
        xml = IsoDate().Replace(xml, m => ShiftDate(m.Value, "yyyy-MM-dd"));
        xml = OrbitNumber().Replace(xml, m => AddTo(m, Orbits));
        xml = CycleNumber().Replace(xml, m => AddTo(m, cycles));
        xml = DatatakeNumber().Replace(xml, m => AddTo(m, cycles, 0x1000000));
        return FileNameToken().Replace(xml, ShiftFileName);
    }

    /// <summary>Shifts a file name like <c>s1a-iw1-slc-vv-20200511t135119-20200511t135144-032518-03c421-004.xml</c>.</summary>
    public string ShiftFileName(string fileName) => FileNameToken().Replace(fileName, ShiftFileName);

    private string ShiftFileName(Match m)
    {
        var datatake = int.Parse(m.Groups["dt"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var orbit = int.Parse(m.Groups["orbit"].Value, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{m.Groups["head"].Value}-{ShiftDate(m.Groups["d1"].Value, "yyyyMMdd")}t{m.Groups["t1"].Value}-" +
            $"{ShiftDate(m.Groups["d2"].Value, "yyyyMMdd")}t{m.Groups["t2"].Value}-{orbit + Orbits:D6}-" +
            $"{Wrap(datatake + cycles, 0x1000000):x6}-{m.Groups["img"].Value}");
    }

    private string ShiftDate(string date, string format) =>
        DateOnly.ParseExact(date, format, CultureInfo.InvariantCulture).AddDays(Days).ToString(format, CultureInfo.InvariantCulture);

    private static string AddTo(Match m, int delta, int modulo = int.MaxValue) =>
        m.Groups["open"].Value
        + Wrap(long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) + delta, modulo).ToString(CultureInfo.InvariantCulture)
        + m.Groups["close"].Value;

    private static int Wrap(long value, int modulo) => (int)(((value % modulo) + modulo) % modulo);

    // Date part of an ISO timestamp (only where a time follows, so plain dates in text are left alone).
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(?=T\d{2}:\d{2}:\d{2})")]
    private static partial Regex IsoDate();

    // <safe:orbitNumber type="start">, <absoluteOrbitNumber>; not relativeOrbitNumber (track stays).
    [GeneratedRegex(@"(?<open><(?:\w+:)?(?:orbitNumber|absoluteOrbitNumber)\b[^>]*>)(?<n>\d+)(?<close><)")]
    private static partial Regex OrbitNumber();

    [GeneratedRegex(@"(?<open><(?:\w+:)?cycleNumber\b[^>]*>)(?<n>\d+)(?<close><)")]
    private static partial Regex CycleNumber();

    [GeneratedRegex(@"(?<open><(?:\w+:)?missionDataTakeI[dD]\b[^>]*>)(?<n>\d+)(?<close><)")]
    private static partial Regex DatatakeNumber();

    [GeneratedRegex(@"(?<head>s1[a-d]-[a-z0-9]+-[a-z0-9]+-[a-z]{2})-(?<d1>\d{8})t(?<t1>\d{6})-(?<d2>\d{8})t(?<t2>\d{6})-(?<orbit>\d{6})-(?<dt>[0-9a-f]{6})-(?<img>\d{3})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileNameToken();
}
