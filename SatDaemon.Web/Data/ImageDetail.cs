using SatDaemon.Control;
namespace SatDaemon.Web.Data;

/// <summary>
/// One image of a frame: an acquisition date, the SLC files that bring it, which of the frame's bursts they cover,
/// and the master/ifg/rsar_ifg rows that use the date with their stages, failures and job events.
/// </summary>
/// <param name="Rows">Grid rows whose date or second date is this date (the same cells as the frame page).</param>
/// <param name="MissingBursts">Frame bursts no file of the date covers: while any is missing the date is not processed.</param>
public sealed record ImageDetail(
    FrameListRow Frame,
    DateOnly Date,
    IReadOnlyList<ImageFile> Files,
    IReadOnlyList<string> CoveredBursts,
    IReadOnlyList<string> MissingBursts,
    IReadOnlyList<string> Columns,
    IReadOnlyList<GridRow> Rows,
    IReadOnlyList<BurstView> Bursts,
    IReadOnlyList<FailedJobStatus> Failures,
    IReadOnlyList<JobEventView> Events);

/// <summary>An SLC zip of the image and how many of the frame's bursts it holds.</summary>
public sealed record ImageFile(string Id, string Abspath, int AbsoluteOrbit, DateTime StartTime, DateTime StopTime, int FrameBursts);
