using SatDaemon.Database.Model;

namespace SatDaemon.Database.Frames;

/// <summary>
/// Which frames get new dates by themselves after an ingest: those switched on. An off frame is not being processed,
/// and a noupdate frame wants its initial processing only; both keep their dates until an operator runs
/// update-procdates.
/// </summary>
public static class AutoDatesRule
{
    /// <summary>Why <paramref name="frame"/> gets no dates after ingest, or null when it does.</summary>
    public static string? SkipReason(Frame frame) =>
        frame.ProcLevel == ProcLevel.Off ? "proc_level off"
        : frame.NoUpdate ? "noupdate"
        : null;
}
