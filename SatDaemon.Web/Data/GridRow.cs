namespace SatDaemon.Web.Data;

/// <summary>One master, ifg, rsar_ifg or time-series row of a frame, one cell per grid column.</summary>
public sealed record GridRow(string Table, long Id, string Label, DateOnly? Date, DateOnly? Date2, IReadOnlyList<GridCell> Cells);
