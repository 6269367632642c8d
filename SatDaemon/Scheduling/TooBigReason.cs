using System.Globalization;
using System.Text;

namespace SatDaemon.Scheduling;

/// <summary>The reason for a job that no machine could ever hold: it names what is too big and says it will never run.</summary>
internal static class TooBigReason
{
    /// <summary>What ends the reason of every job that can never run; what comes before it is the cause, which the console groups by.</summary>
    public const string NeverRunsSuffix = SatDaemon.Database.Daemon.WaitCategories.NeverRunsMarker + " until a bigger machine is configured";

    /// <param name="largest">The largest capacity of any machine in each dimension (not necessarily one machine).</param>
    /// <param name="with">The features the job requires: then only machines offering them count, and the reason says so.</param>
    public static string Describe(Resources need, Resources largest, int machineCount, FeatureSet? with = null)
    {
        if (machineCount == 0)
        {
            return "no machines configured";
        }

        var needs = new List<string>();
        var largestHas = new List<string>();
        if (need.Cpus > largest.Cpus)
        {
            needs.Add(string.Create(CultureInfo.InvariantCulture, $"{need.Cpus} cpus"));
            largestHas.Add(string.Create(CultureInfo.InvariantCulture, $"{largest.Cpus} cpus"));
        }

        if (!new Resources(0, need.MemoryGb, 0).FitsWithin(new Resources(0, largest.MemoryGb, 0)))
        {
            needs.Add(Resources.FormatGb(need.MemoryGb) + " GB memory");
            largestHas.Add(Resources.FormatGb(largest.MemoryGb) + " GB memory");
        }

        if (need.Disk > largest.Disk)
        {
            needs.Add(string.Create(CultureInfo.InvariantCulture, $"{need.Disk} disk"));
            largestHas.Add(string.Create(CultureInfo.InvariantCulture, $"{largest.Disk} disk"));
        }

        // Every dimension fits some machine, just not all of them on the same one.
        var text = new StringBuilder(needs.Count == 0
            ? $"needs {need}, more than any one machine has all of"
            : $"needs {string.Join(" and ", needs)}; largest machine{(with is { IsEmpty: false } ? $" with {with}" : "")} {string.Join(", ", largestHas)}");
        text.Append(NeverRunsSuffix);
        return text.ToString();
    }
}
