namespace SatDaemon.Scheduling;

/// <summary>Which machine a starved job reserves: the one where it should fit soonest.</summary>
/// <remarks>
/// "Soonest" is approximated by the largest machine that can hold the job at all (the most room,
/// so usually the fewest running jobs have to end first), then the most free now, then by name.
/// Sizes compare memory, then cores, then disk: a simple total order an operator can follow.
/// </remarks>
internal static class ReservationChoice
{
    /// <summary>True when <paramref name="candidate"/> is a better machine to reserve than <paramref name="current"/>.</summary>
    public static bool IsBetter(MachineState candidate, MachineState current)
    {
        int c = CompareSize(candidate.Capacity, current.Capacity);
        if (c == 0)
        {
            c = CompareSize(candidate.Free, current.Free);
        }

        return c > 0 || (c == 0 && string.CompareOrdinal(candidate.Name, current.Name) < 0);
    }

    private static int CompareSize(Resources a, Resources b)
    {
        int c = a.MemoryGb.CompareTo(b.MemoryGb);
        if (c == 0)
        {
            c = a.Cpus.CompareTo(b.Cpus);
        }

        return c != 0 ? c : a.Disk.CompareTo(b.Disk);
    }
}
