using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>What ingest needs from one zipped Sentinel-1 SLC product (a "file" in DESIGN §2).</summary>
/// <param name="Id">Product name without <c>.zip</c>/<c>.SAFE</c>, taken from the .SAFE folder inside the zip.</param>
/// <param name="FilePath">Full path of the zip.</param>
/// <param name="Name">The parsed product name.</param>
/// <param name="Mission">S1A, S1B, S1C or S1D.</param>
/// <param name="RelativeOrbit">Track, 1–175, from the manifest.</param>
/// <param name="Pass"><c>A</c>scending or <c>D</c>escending, from the manifest.</param>
/// <param name="AscendingNodeTime">Manifest <c>s1:ascendingNodeTime</c>, UTC.</param>
/// <param name="AbsoluteOrbit">Manifest orbit number at start.</param>
/// <param name="StartTime">Manifest acquisition start, UTC.</param>
/// <param name="StopTime">Manifest acquisition stop, UTC.</param>
/// <param name="Footprint">Manifest footprint, SRID 4326 (x = lon, y = lat).</param>
/// <param name="Bursts">Bursts ordered by swath, then by time.</param>
public sealed record SafeProduct(
    string Id,
    string FilePath,
    S1ProductName Name,
    string Mission,
    int RelativeOrbit,
    char Pass,
    DateTime AscendingNodeTime,
    int AbsoluteOrbit,
    DateTime StartTime,
    DateTime StopTime,
    Polygon Footprint,
    IReadOnlyList<SafeBurst> Bursts)
{
    /// <summary>Same as <see cref="RelativeOrbit"/>; the name used throughout the database.</summary>
    public int Track => RelativeOrbit;

    /// <summary>The acquisition date (UTC date of the start time).</summary>
    public DateOnly AcquisitionDate => DateOnly.FromDateTime(StartTime);

    /// <summary>Swaths that have bursts in this product, e.g. IW1, IW2, IW3.</summary>
    public IReadOnlyList<string> Swaths => Bursts.Select(b => b.Swath).Distinct().Order(StringComparer.Ordinal).ToList();
}
