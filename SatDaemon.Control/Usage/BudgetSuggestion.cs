using System.Globalization;

namespace SatDaemon.Control.Usage;

/// <summary>
/// The [JOB:type] budget a job type's measured use suggests: its p95 plus a margin, rounded up to values an operator
/// would write (memory to 0.5 GB up to 8 GB, whole GB above; cpus to whole cores), never below 0.5 GB and 1 core.
/// </summary>
public sealed record BudgetSuggestion(int Cpus, double Memory)
{
    public static BudgetSuggestion From(double p95Cores, double p95MemoryGb, int marginPercent)
    {
        var factor = 1 + marginPercent / 100.0;
        var memory = p95MemoryGb * factor;
        memory = memory <= 8 ? Math.Ceiling(memory * 2 - 1e-9) / 2 : Math.Ceiling(memory - 1e-9);
        var cpus = (int)Math.Ceiling(p95Cores * factor - 1e-9);
        return new BudgetSuggestion(Math.Max(1, cpus), Math.Max(0.5, memory));
    }

    /// <summary>The INI lines to paste into the type's section (keys whose value would change; the section header first).</summary>
    public IReadOnlyList<string> IniLines(string jobType, int currentCpus, double currentMemory)
    {
        var lines = new List<string> { $"[JOB:{jobType}]" };
        if (Memory != currentMemory) lines.Add(string.Create(CultureInfo.InvariantCulture, $"memory = {Memory:0.#}"));
        if (Cpus != currentCpus) lines.Add(string.Create(CultureInfo.InvariantCulture, $"cpus = {Cpus}"));
        return lines.Count > 1 ? lines : [];
    }
}
