using SatDaemon.Control;

namespace SatDaemon.Web.Data;

/// <summary>Everything the frame page shows.</summary>
/// <param name="Columns">Stage names of the grid, in chain order (every table's stages, by rank).</param>
/// <param name="Events">The frame's newest job_events (bounded).</param>
/// <param name="Versions">frame versions' counts over the rows of the grid (empty on an image page); the page shows them, the API leaves them out.</param>
public sealed record FrameDetail(
    FrameListRow Frame,
    IReadOnlyList<string> Columns,
    IReadOnlyList<GridRow> Rows,
    IReadOnlyList<BurstView> Bursts,
    IReadOnlyList<RunningJobStatus> Running,
    IReadOnlyList<FailedJobStatus> Failures,
    IReadOnlyList<JobEventView> Events,
    [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<SatDaemon.Database.Versions.StageVersionCount> Versions);
