namespace SatDaemon.Scheduling;

/// <summary>Rejects machines without enough free memory for the job.</summary>
public sealed class MemoryFilter : IMachineFilter
{
    public string Category => ReasonCategory.Memory;

    public string? Reject(JobCandidate job, MachineState machine)
    {
        // Compare through Resources.FitsWithin so the floating-point tolerance lives in one place.
        var free = machine.Free;
        return new Resources(0, job.Need.MemoryGb, 0).FitsWithin(new Resources(0, free.MemoryGb, 0))
            ? null
            : $"{machine.Name}: memory {Resources.FormatGb(free.MemoryGb)} of "
              + $"{Resources.FormatGb(machine.Capacity.MemoryGb)} GB free, needs {Resources.FormatGb(job.Need.MemoryGb)}";
    }
}
