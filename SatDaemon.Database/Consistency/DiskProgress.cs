namespace SatDaemon.Database.Consistency;

/// <summary>How far a row got on disk, read from its stages' evidence in chain order.</summary>
/// <param name="Done">Stages proven done: the last Present stage of the contiguous prefix (0 when none).</param>
/// <param name="Prefix">Leading stages with nothing missing (Present or NotConfigured): the most the disk allows.</param>
/// <param name="BeyondGap">Stages after the first missing one whose outputs are nevertheless present (1-based).</param>
public sealed record DiskProgress(int Done, int Prefix, IReadOnlyList<int> BeyondGap)
{
    /// <summary>The first stage with missing outputs, if any.</summary>
    public int? FirstMissing(int lastStage) => Prefix < lastStage ? Prefix + 1 : null;

    public bool HasGap => BeyondGap.Count > 0;

    /// <summary>
    /// Reads evidence in chain order. Progress stops at the first missing stage, so a date is never advanced past a
    /// gap: outputs of later stages beyond it are only reported (they may be left over from an older run).
    /// </summary>
    public static DiskProgress From(IReadOnlyList<StageEvidence> stages)
    {
        var prefix = 0;
        while (prefix < stages.Count && stages[prefix] != StageEvidence.Missing) prefix++;
        var done = prefix;
        // A trailing NotConfigured stage is unproven: progress is what the last Present stage shows.
        while (done > 0 && stages[done - 1] != StageEvidence.Present) done--;
        var beyond = new List<int>();
        for (var i = prefix + 1; i < stages.Count; i++)
            if (stages[i] == StageEvidence.Present) beyond.Add(i + 1);
        return new DiskProgress(done, prefix, beyond);
    }
}
