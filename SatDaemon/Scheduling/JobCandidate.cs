namespace SatDaemon.Scheduling;

/// <summary>A pending job the planner may place: identity, ordering keys and resource need.</summary>
/// <param name="PendingId">Id of the pending_jobs row; the last ordering key, so the order is total.</param>
/// <param name="Priority">Frame priority; higher runs first.</param>
/// <param name="StageRank">Position of the stage in its chain; higher = later stage. Later stages finish
/// work, earlier ones start it, so later stages go first within a priority.</param>
/// <param name="Description">Human label used in reasons, e.g. "132A_X ifg 2020-05-11 coreg".</param>
/// <param name="FrameHeld">Its frame is on hold (ctl hold): it stays pending but is not placed.</param>
/// <param name="Requires">Features every machine it runs on must offer ([JOB:type] requires); null = none.</param>
/// <param name="Prefers">Features it would rather have ([JOB:type] prefers): the scorer favours machines that offer more
/// of them, and never waits for them; null = none.</param>
public sealed record JobCandidate(
    long PendingId,
    string FrameId,
    string JobType,
    string TargetTable,
    long TargetId,
    int Priority,
    int StageRank,
    DateOnly Date,
    Resources Need,
    DateTimeOffset QueuedAt,
    string Description,
    bool FrameHeld = false,
    FeatureSet? Requires = null,
    FeatureSet? Prefers = null)
{
    /// <summary><see cref="Requires"/>, never null.</summary>
    public FeatureSet Needs => Requires ?? FeatureSet.None;

    /// <summary><see cref="Prefers"/>, never null.</summary>
    public FeatureSet Favours => Prefers ?? FeatureSet.None;
}
