using System.Globalization;
using SatDaemon.Database.Model;

namespace SatDaemon.Control;

/// <summary>
/// How a frame setting is written in a <see cref="SettingChange"/>, the audit trail and a form's expected value: one
/// writer, so the value a form was rendered with compares equal to what the controller reads when nothing changed.
/// </summary>
public static class FrameSettingText
{
    public static string Level(ProcLevel level) => level.ToName();

    public static string OnOff(bool on) => on ? "on" : "off";

    public static string Range(DateOnly? start, DateOnly? end) =>
        $"{start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "open"}..{end?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "open"}";

    public static string Priority(int priority) => priority.ToString(CultureInfo.InvariantCulture);

    /// <summary>A frame's master for set-master's stale check: "none" or yyyy-MM-dd.</summary>
    public static string Master(DateOnly? master) => master?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
}
