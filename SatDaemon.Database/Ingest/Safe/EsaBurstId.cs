namespace SatDaemon.Database.Ingest.Safe;

/// <summary>
/// ESA's Sentinel-1 burst id from timing, per the public ESA "Sentinel-1 Burst ID" definition:
/// the 12-day reference orbit cycle is cut into beam cycles of <see cref="BeamCycleSeconds"/>, starting
/// <see cref="PreambleSeconds"/> after the ascending node of relative orbit 1.
/// </summary>
public static class EsaBurstId
{
    /// <summary>Nominal orbit duration: 12 days / 175 orbits.</summary>
    public const double OrbitSeconds = 12.0 * 24 * 3600 / 175;

    /// <summary>Duration of one IW beam cycle (IW1+IW2+IW3 bursts).</summary>
    public const double BeamCycleSeconds = 2.758273;

    /// <summary>Offset of the first beam cycle after the ascending node.</summary>
    public const double PreambleSeconds = 2.299849;

    /// <summary>Burst ids per track; track r covers ids (r−1)·N+1 … r·N roughly (not exactly, N is not an integer).</summary>
    public const double BurstsPerTrack = OrbitSeconds / BeamCycleSeconds;

    /// <summary>
    /// Computes the id for a burst whose <b>mid</b> time is <paramref name="midSecondsSinceAnx"/> after the
    /// ascending node. The mid time matters: with the start time the id is one too low for bursts that begin
    /// in the previous beam cycle (checked against the annotated ids of real products).
    /// </summary>
    public static int Compute(int relativeOrbit, double midSecondsSinceAnx)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(relativeOrbit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(relativeOrbit, 175);
        var sinceFirstCycle = (relativeOrbit - 1) * OrbitSeconds + midSecondsSinceAnx - PreambleSeconds;
        return 1 + (int)Math.Floor(sinceFirstCycle / BeamCycleSeconds);
    }
}
