using SatDaemon.Database.Model;

namespace SatDaemon.Database.Frames;

/// <summary>
/// The one writer of a frame's settings after it is created: proc_level, noupdate, proc range, priority, the hold
/// (held_at/held_by) and master_date. Each applies to a frame tracked by the caller's context, so the change is saved
/// in the caller's transaction together with its audit row and its job-list mark. FrameCreator sets the first values
/// of a new frame; every later change comes through here, so a reader looking for "who changes X" finds one file.
/// </summary>
public static class FrameSettings
{
    public static void SetProcLevel(Frame frame, ProcLevel level) => frame.ProcLevel = level;

    public static void SetNoUpdate(Frame frame, bool noUpdate) => frame.NoUpdate = noUpdate;

    /// <summary>Dates outside start..end get no jobs; null leaves that side open (the caller has checked the order).</summary>
    public static void SetProcRange(Frame frame, DateOnly? start, DateOnly? end) => (frame.ProcStart, frame.ProcEnd) = (start, end);

    public static void SetPriority(Frame frame, int priority) => frame.Priority = priority;

    /// <summary>ctl hold: nothing new starts for the frame. A frame already held keeps its first hold (who and when).</summary>
    /// <returns>When it was held before; null when this call held it.</returns>
    public static DateTime? Hold(Frame frame, string user, DateTime now)
    {
        var before = frame.HeldAt;
        if (before is null) (frame.HeldAt, frame.HeldBy) = (now, user);
        return before;
    }

    public static void Release(Frame frame) => (frame.HeldAt, frame.HeldBy) = (null, null);

    /// <summary>
    /// frames.master_date mirrors the date of the frame's master row, which update-procdates creates and set-master
    /// moves; both call this, so the mirror has one writer.
    /// </summary>
    internal static void SetMasterDate(Frame frame, DateOnly date) => frame.MasterDate = date;
}
