namespace SatDaemon.Database.Consistency;

/// <summary>What the file system says about one stage of one row.</summary>
public enum StageEvidence
{
    /// <summary>Every output of the stage's job type exists and is not empty.</summary>
    Present,
    /// <summary>At least one output is absent or empty (a half-written file counts as absent).</summary>
    Missing,
    /// <summary>The job type lists no outputs, so the disk cannot say; such a stage neither proves nor breaks progress.</summary>
    NotConfigured,
}
