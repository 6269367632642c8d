namespace SatDaemon.Database.Frames;

/// <summary>What ingest did to the dates of one frame whose bursts got new files.</summary>
/// <param name="Skipped">Why the frame got no dates (proc_level off, noupdate); null when update-procdates ran.</param>
/// <param name="Update">What update-procdates added; null when skipped.</param>
/// <param name="Partial">Dates of this run's new files that do not cover the frame (not added).</param>
public sealed record IngestFrameDates(string FrameId, string? Skipped, ProcDatesReport? Update, IReadOnlyList<PartialDate> Partial)
{
    /// <summary>Dates that became usable and got rows in this run (the master when it was picked now, then ifg dates).</summary>
    public IReadOnlyList<DateOnly> DatesAdded =>
        Update is null ? [] : (Update.MasterAdded && Update.Master is { } m ? [m, .. Update.IfgAdded] : Update.IfgAdded).Order().ToList();
}
