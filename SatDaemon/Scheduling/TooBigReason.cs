using System.Globalization;
using System.Text;

namespace SatDaemon.Scheduling;

/// <summary>The reason for a job that no machine could ever hold: it names what is too big and says it will never run.</summary>
internal static class TooBigReason
{
    /// <param name="largest">The largest capacity of any machine in each dimension (not necessarily one machine).</param>
    public static string Describe(Resources need, Resources largest, int machineCount)
    {
        if (machineCount == 0)
        {
            return "no machines configured";
        }

        var text = new StringBuilder("needs ");
        int parts = 0;
        if (need.Cpus > largest.Cpus)
        {
            text.Append(CultureInfo.InvariantCulture, $"{need.Cpus} cpus");
            parts++;
        }

        if (!new Resources(0, need.MemoryGb, 0).FitsWithin(new Resources(0, largest.MemoryGb, 0)))
        {
            text.Append(parts++ > 0 ? ", " : "").Append(Resources.FormatGb(need.MemoryGb)).Append(" GB memory");
        }

        if (need.Disk > largest.Disk)
        {
            text.Append(parts++ > 0 ? ", " : "").Append(CultureInfo.InvariantCulture, $"{need.Disk} disk");
        }

        // Every dimension fits some machine, just not all of them on the same one.
        text.Append(parts == 0
            ? $"{need}, more than any one machine has all of"
            : ", more than any machine has");
        text.Append("; it can never run until a bigger machine is configured");
        return text.ToString();
    }
}
