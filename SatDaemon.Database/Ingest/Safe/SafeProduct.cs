using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>What ingest needs from one zipped Sentinel-1 SLC product (a "file" in DESIGN §2).</summary>
/// <param name="Id">Product name without <c>.zip</c>/<c>.SAFE</c>, taken from the .SAFE folder inside the zip.</param>
/// <param name="FilePath">Full path of the zip.</param>
/// <param name="Name">The parsed product name.</param>
/// <param name="Manifest">The facts read from <c>manifest.safe</c> (mission, track, pass, orbit, times, footprint).</param>
/// <param name="Bursts">Bursts ordered by swath, then by time.</param>
public sealed record SafeProduct(
    string Id,
    string FilePath,
    S1ProductName Name,
    SafeManifest Manifest,
    IReadOnlyList<SafeBurst> Bursts)
{
    // The manifest's facts under the names ingest and the tests use; the manifest record is their one definition.
    /// <summary>S1A, S1B, S1C or S1D.</summary>
    public string Mission => Manifest.Mission;

    /// <summary>Track, 1–175.</summary>
    public int RelativeOrbit => Manifest.RelativeOrbit;

    /// <summary><c>A</c>scending or <c>D</c>escending.</summary>
    public char Pass => Manifest.Pass;

    /// <summary>Manifest <c>s1:ascendingNodeTime</c>, UTC.</summary>
    public DateTime AscendingNodeTime => Manifest.AscendingNodeTime;

    /// <summary>Manifest orbit number at start.</summary>
    public int AbsoluteOrbit => Manifest.AbsoluteOrbit;

    /// <summary>Acquisition start, UTC.</summary>
    public DateTime StartTime => Manifest.StartTime;

    /// <summary>Acquisition stop, UTC.</summary>
    public DateTime StopTime => Manifest.StopTime;

    /// <summary>Footprint, SRID 4326 (x = lon, y = lat).</summary>
    public Polygon Footprint => Manifest.Footprint;

    /// <summary>Same as <see cref="RelativeOrbit"/>; the name used throughout the database.</summary>
    public int Track => RelativeOrbit;

    /// <summary>The acquisition date (UTC date of the start time).</summary>
    public DateOnly AcquisitionDate => DateOnly.FromDateTime(StartTime);

    /// <summary>Swaths that have bursts in this product, e.g. IW1, IW2, IW3.</summary>
    public IReadOnlyList<string> Swaths => Bursts.Select(b => b.Swath).Distinct().Order(StringComparer.Ordinal).ToList();
}
