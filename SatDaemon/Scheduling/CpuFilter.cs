using System.Globalization;

namespace SatDaemon.Scheduling;

/// <summary>Rejects machines without enough free cores for the job.</summary>
public sealed class CpuFilter : IMachineFilter
{
    public string Category => ReasonCategory.Cpus;

    public string? Reject(JobCandidate job, MachineState machine)
    {
        int free = machine.Capacity.Cpus - machine.Used.Cpus;
        return job.Need.Cpus <= free
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{machine.Name}: cpus {free} of {machine.Capacity.Cpus} free, needs {job.Need.Cpus}");
    }
}
