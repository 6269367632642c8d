using System.Globalization;

namespace SatDaemon.Scheduling;

/// <summary>Rejects machines without enough of one resource free for the job: <see cref="Cpus"/>, <see cref="Memory"/> or <see cref="Disk"/>.</summary>
/// <remarks>
/// The three budgets differ only in which part of <see cref="Resources"/> they look at, how the amount prints and the
/// unit, so one check serves all three and each reason reads as before: "proc01: cpus 2 of 4 free, needs 4",
/// "proc01: memory 11.5 of 16 GB free, needs 12", "proc01: disk 20 of 100 free, needs 30".
/// </remarks>
public sealed class ResourceFilter : IMachineFilter
{
    /// <summary>Free cores.</summary>
    public static ResourceFilter Cpus { get; } = new(ReasonCategory.Cpus, "cpus", "",
        r => new Resources(r.Cpus, 0, 0), r => r.Cpus.ToString(CultureInfo.InvariantCulture));

    /// <summary>Free memory in GB.</summary>
    public static ResourceFilter Memory { get; } = new(ReasonCategory.Memory, "memory", " GB",
        r => new Resources(0, r.MemoryGb, 0), r => Resources.FormatGb(r.MemoryGb));

    /// <summary>Free disk-I/O units.</summary>
    public static ResourceFilter Disk { get; } = new(ReasonCategory.Disk, "disk", "",
        r => new Resources(0, 0, r.Disk), r => r.Disk.ToString(CultureInfo.InvariantCulture));

    private readonly string _name;
    private readonly string _unit;
    private readonly Func<Resources, Resources> _only;
    private readonly Func<Resources, string> _format;

    private ResourceFilter(string category, string name, string unit, Func<Resources, Resources> only, Func<Resources, string> format)
    {
        Category = category;
        _name = name;
        _unit = unit;
        _only = only;
        _format = format;
    }

    public string Category { get; }

    public bool JudgesNeedOnly => true;

    public bool Rejects(JobCandidate job, MachineState machine) => !_only(job.Need).FitsWithin(_only(machine.Free));

    public string? Reject(JobCandidate job, MachineState machine)
    {
        // One dimension at a time through Resources.FitsWithin, so memory's floating-point tolerance lives in one place.
        var free = machine.Free;
        return _only(job.Need).FitsWithin(_only(free))
            ? null
            : $"{machine.Name}: {_name} {_format(free)} of {_format(machine.Capacity)}{_unit} free, needs {_format(job.Need)}";
    }
}
