using SatDaemon.Database.Model;

namespace SatDaemon.Database.Stages;

/// <summary>The default processing chain of DESIGN §5, seeded into the *_proc_stages tables by init-database.</summary>
public static class DefaultChain
{
    public sealed record StageDef(string Table, int Order, string Name, string JobType, ProcLevel MinLevel, int Rank);

    /// <summary>
    /// The ifg stage that processes a date against the master ("coreg needs the master complete"). Declared before
    /// <see cref="Stages"/>, which lists it, because static fields initialise in textual order.
    /// </summary>
    public static readonly StageDef Coregistration = new(TargetTables.Ifg, 3, "coreg", "coreg", ProcLevel.Satsar, 4);

    // Rank orders stages across tables: a later stage finishes work, so it is preferred over one that starts work.
    public static readonly IReadOnlyList<StageDef> Stages =
    [
        new(TargetTables.Master, 1, "download", "download", ProcLevel.Download, 1),
        new(TargetTables.Master, 2, "master_slc", "master_slc", ProcLevel.Satsar, 2),
        new(TargetTables.Master, 3, "master_geo", "master_geo", ProcLevel.Satsar, 3),
        new(TargetTables.Ifg, 1, "download", "download", ProcLevel.Download, 1),
        new(TargetTables.Ifg, 2, "slc", "slc", ProcLevel.Satsar, 2),
        Coregistration,
        new(TargetTables.Ifg, 4, "satsar", "satsar", ProcLevel.Satsar, 5),
        new(TargetTables.RsarIfg, 1, "coherence", "coherence", ProcLevel.TilTimeseries, 6),
        new(TargetTables.RsarIfg, 2, "unwrap", "unwrap", ProcLevel.TilTimeseries, 7),
        new(TargetTables.Frames, 1, "timeseries", "timeseries", ProcLevel.Full, 8),
        new(TargetTables.Frames, 2, "ingest", "ingest", ProcLevel.Full, 9),
    ];
}
