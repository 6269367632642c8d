using SatDaemon.Database.Model;

namespace SatDaemon.Database.Stages;

/// <summary>
/// The pure rules of DESIGN §5: whether a frame's settings let a stage run for a date.
/// Each check returns null when the rule allows it, else the reason, so every "no" can be explained; the *Allows twins
/// answer the same question without writing the reason (the job list asks them for 10^5 rows and explains only a few).
/// </summary>
public static class StageRules
{
    public static bool LevelAllows(Frame f, ProcStageRow stage) => f.ProcLevel >= stage.MinLevel;

    public static string? Level(Frame f, ProcStageRow stage) =>
        LevelAllows(f, stage) ? null
        : $"frame level {f.ProcLevel.ToName()} stops before {stage.Name} (needs {stage.MinLevel.ToName()})";

    /// <summary>Dates outside proc_start..proc_end get no jobs (both ends inclusive, either open).</summary>
    public static string? Range(Frame f, DateOnly date) =>
        BeforeStart(f, date) ? $"{date:yyyy-MM-dd} is before proc_start {f.ProcStart:yyyy-MM-dd}"
        : AfterEnd(f, date) ? $"{date:yyyy-MM-dd} is after proc_end {f.ProcEnd:yyyy-MM-dd}"
        : null;

    /// <summary>noupdate: once the first time series exists, dates after it get no jobs.</summary>
    public static string? NoUpdate(Frame f, DateOnly date) =>
        AfterFirstSeries(f, date)
            ? $"noupdate: {date:yyyy-MM-dd} is newer than the first time series ({f.TsFirstDate:yyyy-MM-dd})"
            : null;

    /// <summary>What <see cref="Date"/> says, without the words: true when it would return null.</summary>
    public static bool DateAllows(Frame f, DateOnly date) => !BeforeStart(f, date) && !AfterEnd(f, date) && !AfterFirstSeries(f, date);

    /// <summary>What <see cref="Pair"/> says, without the words.</summary>
    public static bool PairAllows(Frame f, DateOnly d1, DateOnly d2) => DateAllows(f, d1) && DateAllows(f, d2);

    private static bool BeforeStart(Frame f, DateOnly date) => f.ProcStart is { } s && date < s;

    private static bool AfterEnd(Frame f, DateOnly date) => f.ProcEnd is { } e && date > e;

    private static bool AfterFirstSeries(Frame f, DateOnly date) => f.NoUpdate && f.TsFirstDate is { } first && date > first;

    /// <summary>The date rules together: range, then noupdate.</summary>
    public static string? Date(Frame f, DateOnly date) => Range(f, date) ?? NoUpdate(f, date);

    /// <summary>An rsar_ifg pair runs only if both dates may run.</summary>
    public static string? Pair(Frame f, DateOnly d1, DateOnly d2) => Date(f, d1) ?? Date(f, d2);
}
