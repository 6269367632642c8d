using System.Globalization;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

/// <summary>The real products in the shared test data and the ESA burst id ranges per track.</summary>
internal static class S1Files
{
    /// <summary>2020-05-11, track 71 descending, IW1–IW3 × 9 bursts, VV+VH, zipped below a <c>safe/</c> prefix, no burstId elements.</summary>
    public const string Track71 = "S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.zip";

    /// <summary>2022-10-16, track 64 ascending, only the IW2 VV annotation, with annotated burstId elements.</summary>
    public const string Track64 = "S1A_IW_SLC__1SDV_20221016T015043_20221016T015111_045461_056FC0_6681.zip";

    /// <summary>track → (first, last) ESA burst id, from <c>sentinel1_track_burst_id.txt</c>.</summary>
    public static IReadOnlyDictionary<int, (int First, int Last)> BurstIdRanges { get; } = LoadRanges();

    private static Dictionary<int, (int, int)> LoadRanges()
    {
        var ranges = new Dictionary<int, (int, int)>();
        foreach (var line in File.ReadLines(TestData.Path("sentinel1_track_burst_id.txt")))
        {
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3)
            {
                ranges[int.Parse(parts[0], CultureInfo.InvariantCulture)] =
                    (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
            }
        }

        return ranges;
    }
}
