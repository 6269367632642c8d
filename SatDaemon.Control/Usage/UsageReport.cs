using System.Globalization;
using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;

namespace SatDaemon.Control.Usage;

/// <summary>A job type's budget as [JOB:type] gives it now: cores, memory in GB, disk-I/O units.</summary>
public sealed record JobBudget(int Cpus, double Memory, int Disk);

/// <summary>
/// One line of the usage report: a job type (or a type on one frame) — how many runs, the spread of what they took, the
/// configured budget, what is wrong with it, and the budget the figures suggest.
/// </summary>
public sealed record UsageRow(string JobType, string? FrameId, int Runs, int Failed, Spread MemoryGb, Spread Cores, Spread IoMbPerS, Spread WallS,
    JobBudget? Budget, IReadOnlyList<string> Flags, BudgetSuggestion? Suggestion, IReadOnlyList<string> IniLines);

/// <summary>
/// Each job type's observed use against its configured budget (satdaemon-tools jobs usage). A p95 above the budget is an
/// overload risk (the planner packs machines by the budget); a p95 under half of it is capacity held for nothing. With
/// enough runs, the type's p95 plus a margin is suggested as INI lines. Pure: runs and config in, rows out.
/// </summary>
public static class UsageReport
{
    /// <summary>Margin added to the p95 in a suggestion, percent.</summary>
    public const int DefaultMarginPercent = 20;

    /// <summary>Fewer runs than this give figures but no verdict and no suggestion: a p95 of three runs is their maximum.</summary>
    public const int DefaultMinRuns = 5;

    /// <summary>A p95 below this share of the budget is flagged as wasted capacity.</summary>
    public const double WastedBelow = 0.5;

    /// <param name="byFrame">One row per job type and frame (frames differ in size); suggestions stay per type, as budgets are.</param>
    public static IReadOnlyList<UsageRow> Build(IReadOnlyList<UsageRun> runs, IReadOnlyDictionary<string, JobTypeOptions> types, bool byFrame,
        int marginPercent = DefaultMarginPercent, int minRuns = DefaultMinRuns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(types);
        return runs.GroupBy(r => (r.JobType, Frame: byFrame ? r.FrameId : null))
            .OrderBy(g => g.Key.JobType, StringComparer.Ordinal).ThenBy(g => g.Key.Frame, StringComparer.Ordinal)
            .Select(g => Row(g.Key.JobType, g.Key.Frame, g.ToList(), types.GetValueOrDefault(g.Key.JobType), suggest: !byFrame, marginPercent, minRuns))
            .ToList();
    }

    private static UsageRow Row(string type, string? frame, List<UsageRun> runs, JobTypeOptions? options, bool suggest, int marginPercent, int minRuns)
    {
        var memory = Spread.Of(runs.Select(r => r.PeakRssMb / 1024));
        var cores = Spread.Of(runs.Select(r => r.MeanCores));
        var io = Spread.Of(runs.Select(r => r.WallS > 0 ? (r.ReadMb + r.WriteMb) / r.WallS : 0));
        var wall = Spread.Of(runs.Select(r => r.WallS));
        var budget = options is null ? null : new JobBudget(options.Cpus, options.Memory, options.Disk);
        var flags = new List<string>();
        BudgetSuggestion? suggestion = null;
        IReadOnlyList<string> ini = [];
        if (budget is null) flags.Add("not in the config");
        else if (runs.Count < minRuns) flags.Add($"too few runs for a verdict ({runs.Count} of {minRuns})");
        else
        {
            Judge(flags, "memory", memory.P95, budget.Memory, "GB");
            Judge(flags, "cores", cores.P95, budget.Cpus, "");
            if (suggest)
            {
                suggestion = BudgetSuggestion.From(cores.P95, memory.P95, marginPercent);
                if (flags.Count > 0) ini = suggestion.IniLines(type, budget.Cpus, budget.Memory);
            }
        }
        return new UsageRow(type, frame, runs.Count, runs.Count(r => !r.Success), memory, cores, io, wall, budget, flags, suggestion, ini);
    }

    private static void Judge(List<string> flags, string what, double p95, double budget, string unit)
    {
        var u = unit.Length > 0 ? " " + unit : "";
        if (p95 > budget)
            flags.Add(string.Create(CultureInfo.InvariantCulture, $"{what} over budget: p95 {p95:0.##}{u} > {budget:0.##}{u} (overload risk)"));
        else if (p95 < budget * WastedBelow)
            flags.Add(string.Create(CultureInfo.InvariantCulture, $"{what} wasted: p95 {p95:0.##}{u} is {p95 / budget:P0} of {budget:0.##}{u}"));
    }
}
