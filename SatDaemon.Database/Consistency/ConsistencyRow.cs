namespace SatDaemon.Database.Consistency;

/// <summary>One row of the report: a master, ifg or rsar_ifg row, or a frame's time series (Table "frames", TargetId 0).</summary>
/// <param name="Disk">The state the outputs on disk imply; null when they could not be read.</param>
/// <param name="Target">The state written (or to be written) for Advance and SetBack.</param>
/// <param name="Gap">Stages whose outputs are present beyond a missing one; reported, never applied.</param>
/// <param name="Note">Why the row was left alone, for CannotCheck, SetBackRefused and ChangedMeanwhile.</param>
public sealed record ConsistencyRow(
    string FrameId,
    string Table,
    long TargetId,
    DateOnly? Date,
    DateOnly? Date2,
    RowState Database,
    RowState? Disk,
    ConsistencyAction Action,
    RowState? Target,
    IReadOnlyList<int> Gap,
    string? Note = null)
{
    /// <summary>True once --apply wrote <see cref="Target"/>.</summary>
    public bool Applied { get; init; }

    /// <summary>Advance and SetBack change the row; everything else leaves it alone.</summary>
    public bool WantsChange => Action is ConsistencyAction.Advance or ConsistencyAction.SetBack;

    /// <summary>Rows worth showing: any difference, any gap, anything left alone for a reason.</summary>
    public bool IsNotable => Action != ConsistencyAction.InLine || Gap.Count > 0;
}
