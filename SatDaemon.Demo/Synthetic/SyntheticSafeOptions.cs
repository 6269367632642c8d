namespace SatDaemon.Demo.Synthetic;

/// <summary>What <see cref="SyntheticSafeWriter"/> changes relative to its template.</summary>
public sealed record SyntheticSafeOptions
{
    /// <summary>Shift by this many 12-day repeat cycles (negative: earlier). Same track, same ground bursts.</summary>
    public int CycleShift { get; init; }

    /// <summary>Swaths to keep (e.g. IW1, IW2); null keeps every swath of the template.</summary>
    public IReadOnlyCollection<string>? Swaths { get; init; }

    /// <summary>First burst (0-based, per swath) to keep.</summary>
    public int FirstBurst { get; init; }

    /// <summary>How many consecutive bursts per swath to keep from <see cref="FirstBurst"/>; null keeps the rest.</summary>
    public int? BurstCount { get; init; }

    /// <summary>Put the .SAFE folder below <c>safe/</c> in the zip, as some archives do.</summary>
    public bool SafePrefix { get; init; }

    /// <summary>
    /// Moves the manifest's ascending node time by this much (e.g. −0.1 s), so every burst's time since the node,
    /// and so its ANX id, changes by the opposite amount: the small drift of one ground burst between real dates.
    /// </summary>
    public TimeSpan AscendingNodeOffset { get; init; }

    /// <summary>
    /// The product name's last field (4 hex digits) instead of the shifted template's: a second product of the same
    /// date (the neighbouring slice, delivered late) needs a name of its own.
    /// </summary>
    public string? UniqueId { get; init; }

    internal bool SubsetsBursts => FirstBurst != 0 || BurstCount is not null;
}
