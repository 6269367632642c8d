namespace SatDaemon.Web.Data;

/// <summary>One frame in the frames list and on the frames map.</summary>
/// <param name="TimeSeries">Stage and status of the frame's time series, e.g. "timeseries waiting".</param>
/// <param name="OpenFailures">failed_jobs rows of the frame not yet retried.</param>
/// <param name="Outline">Rings of the frame's geometry as [lon, lat] pairs; empty when it has none.</param>
public sealed record FrameListRow(
    string Id,
    int Track,
    string OrbitDirection,
    string ProcLevel,
    int Priority,
    bool NoUpdate,
    DateOnly? ProcStart,
    DateOnly? ProcEnd,
    DateOnly? MasterDate,
    string TimeSeries,
    StatusCounts Rows,
    int OpenFailures,
    IReadOnlyList<IReadOnlyList<double[]>> Outline);
