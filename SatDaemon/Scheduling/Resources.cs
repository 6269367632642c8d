using System.Globalization;

namespace SatDaemon.Scheduling;

/// <summary>A machine budget or a job's need: cores, memory in GB and disk-I/O units (out of 100 per machine).</summary>
/// <remarks>
/// A value type so that the planner's inner loop (jobs × machines) can add, subtract and compare
/// budgets without allocating.
/// </remarks>
public readonly record struct Resources(int Cpus, double MemoryGb, int Disk)
{
    // Memory is fractional GB; repeated subtraction of values like 0.1 drifts by ~1e-15, which must
    // not turn "exactly full" into "does not fit".
    private const double MemoryTolerance = 1e-9;

    public static Resources None => default;

    public Resources Add(Resources other) =>
        new(Cpus + other.Cpus, MemoryGb + other.MemoryGb, Disk + other.Disk);

    public Resources Subtract(Resources other) =>
        new(Cpus - other.Cpus, MemoryGb - other.MemoryGb, Disk - other.Disk);

    /// <summary>True when every dimension of this is at most the same dimension of <paramref name="budget"/>.</summary>
    public bool FitsWithin(Resources budget) =>
        Cpus <= budget.Cpus
        && MemoryGb <= budget.MemoryGb + MemoryTolerance
        && Disk <= budget.Disk;

    /// <summary>"4 cpus, 16 GB memory, 30 disk": the form used in every reason string.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cpus} cpus, {FormatGb(MemoryGb)} GB memory, {Disk} disk");

    /// <summary>Memory as reasons print it: "12", "7.5" (no trailing zeros, invariant culture).</summary>
    internal static string FormatGb(double gb) => gb.ToString("0.##", CultureInfo.InvariantCulture);
}
