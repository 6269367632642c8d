namespace SatDaemon.Database.Frames;

/// <summary>
/// frame reprocess: the rows of <paramref name="FrameId"/> that have done <paramref name="Stage"/> (a stage name; it may
/// name a stage of several chains, e.g. download) go back to it, within the dates given and, with
/// <paramref name="OlderThan"/>, only those whose last run of that stage had an older version (or none recorded).
/// </summary>
public sealed record ReprocessRequest(string FrameId, string Stage, DateOnly? From = null, DateOnly? To = null, string? OlderThan = null);

/// <summary>One row to be processed again: its table, what it is now, and the stage it goes back to.</summary>
public sealed record ReprocessRow(string Table, string Dates, string Now, string BackTo, bool Dependent);

/// <summary>
/// What frame reprocess does (or, not applied, would do): the rows by the stage they go back to, and notes to show the
/// operator (versions compared as text). <see cref="Applied"/> is false for a dry run or an unconfirmed request.
/// </summary>
public sealed record ReprocessReport(string FrameId, IReadOnlyList<ReprocessRow> Rows, IReadOnlyList<string> Notes, bool Applied)
{
    /// <summary>"ifg coreg: 3" lines: how many rows go back to each table's stage, in chain order of first appearance.</summary>
    public IEnumerable<(string Table, string Stage, int Rows)> ByStage =>
        Rows.GroupBy(r => (r.Table, r.BackTo)).Select(g => (g.Key.Table, g.Key.BackTo, g.Count()));
}
