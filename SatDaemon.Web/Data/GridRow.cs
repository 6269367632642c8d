using System.Text.Json.Serialization;

namespace SatDaemon.Web.Data;

/// <summary>
/// One master, ifg, rsar_ifg or time-series row of a frame, one cell per grid column. The cells are made when first
/// asked for: a frame page shows 60 of ~1,200 rows, and making 15 cells for each row it did not show was most of
/// its grid's time.
/// </summary>
/// <param name="status">The row's status as the page sorts and counts it (see <see cref="Status"/>).</param>
/// <param name="cells">Makes the cells.</param>
public sealed class GridRow(string table, long id, string label, DateOnly? date, DateOnly? date2, string status, Func<IReadOnlyList<GridCell>> cells)
{
    private IReadOnlyList<GridCell>? _cells;

    public string Table => table;
    public long Id => id;
    public string Label => label;
    public DateOnly? Date => date;
    public DateOnly? Date2 => date2;

    /// <summary>
    /// That of its current stage (failed, running, waiting, held), else "todo" when stages of its chain are still to come
    /// (complete up to the frame's level) or "complete". Not in the JSON: its cells say the same.
    /// </summary>
    [JsonIgnore]
    public string Status => status;

    public IReadOnlyList<GridCell> Cells => _cells ??= cells();
}
