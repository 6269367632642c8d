using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

/// <summary>Builds <see cref="MachineState"/> fixtures: an idle, available 8-core, 16 GB, 100-disk machine unless told otherwise.</summary>
public static class MachineBuilder
{
    public static MachineState With(
        string name = "proc01",
        int cpus = 8,
        double memoryGb = 16,
        int disk = 100,
        int usedCpus = 0,
        double usedMemoryGb = 0,
        int usedDisk = 0,
        bool available = true,
        string? unavailableReason = null,
        bool drained = false,
        string[]? features = null) =>
        new(name,
            new Resources(cpus, memoryGb, disk),
            new Resources(usedCpus, usedMemoryGb, usedDisk),
            available,
            unavailableReason,
            drained,
            features is null ? null : FeatureSet.Of(features));
}
