using SatDaemon.Database.Model;

namespace SatDaemon.Database.Stages;

/// <summary>
/// The pure rules of DESIGN §5: whether a frame's settings let a stage run for a date.
/// Each check returns null when the rule allows it, else the reason, so every "no" can be explained.
/// </summary>
public static class StageRules
{
    public static string? Level(Frame f, ProcStageRow stage) =>
        f.ProcLevel >= stage.MinLevel ? null
        : $"frame level {f.ProcLevel.ToName()} stops before {stage.Name} (needs {stage.MinLevel.ToName()})";

    /// <summary>Dates outside proc_start..proc_end get no jobs (both ends inclusive, either open).</summary>
    public static string? Range(Frame f, DateOnly date) =>
        f.ProcStart is { } s && date < s ? $"{date:yyyy-MM-dd} is before proc_start {s:yyyy-MM-dd}"
        : f.ProcEnd is { } e && date > e ? $"{date:yyyy-MM-dd} is after proc_end {e:yyyy-MM-dd}"
        : null;

    /// <summary>noupdate: once the first time series exists, dates after it get no jobs.</summary>
    public static string? NoUpdate(Frame f, DateOnly date) =>
        f.NoUpdate && f.TsFirstDate is { } first && date > first
            ? $"noupdate: {date:yyyy-MM-dd} is newer than the first time series ({first:yyyy-MM-dd})"
            : null;

    /// <summary>The date rules together: range, then noupdate.</summary>
    public static string? Date(Frame f, DateOnly date) => Range(f, date) ?? NoUpdate(f, date);

    /// <summary>An rsar_ifg pair runs only if both dates may run.</summary>
    public static string? Pair(Frame f, DateOnly d1, DateOnly d2) => Date(f, d1) ?? Date(f, d2);
}
