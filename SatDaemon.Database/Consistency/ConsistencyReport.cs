using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Consistency;

/// <summary>Everything check-db-consistency found, in frame order, and whether it was applied.</summary>
public sealed record ConsistencyReport(IReadOnlyList<ConsistencyRow> Rows, bool Apply, StageCatalog Stages)
{
    public int Checked => Rows.Count;
    public int Changed => Rows.Count(r => r.Applied);
    public int Wanted => Rows.Count(r => r.WantsChange);
    public int Count(ConsistencyAction action) => Rows.Count(r => r.Action == action);
    public int Gaps => Rows.Count(r => r.Gap.Count > 0);
}
