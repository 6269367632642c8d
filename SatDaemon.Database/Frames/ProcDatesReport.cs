namespace SatDaemon.Database.Frames;

/// <summary>What update-procdates did to a frame.</summary>
public sealed record ProcDatesReport(
    string FrameId,
    DateOnly? Master,
    bool MasterAdded,
    IReadOnlyList<DateOnly> UsableDates,
    IReadOnlyList<DateOnly> IfgAdded,
    IReadOnlyList<(DateOnly Date1, DateOnly Date2)> RsarIfgAdded,
    bool TimeSeriesReset);
