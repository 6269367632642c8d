using System.Globalization;

namespace SatDaemon.Scheduling;

/// <summary>Rejects machines without enough free disk-I/O units for the job.</summary>
public sealed class DiskFilter : IMachineFilter
{
    public string Category => ReasonCategory.Disk;

    public string? Reject(JobCandidate job, MachineState machine)
    {
        int free = machine.Capacity.Disk - machine.Used.Disk;
        return job.Need.Disk <= free
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{machine.Name}: disk {free} of {machine.Capacity.Disk} free, needs {job.Need.Disk}");
    }
}
