using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

public class MachineFilterFacts
{
    private static readonly JobCandidate Job = JobBuilder.With(cpus: 4, memoryGb: 12, disk: 30);

    [Fact]
    public void Available_machine_with_room_passes_every_filter()
    {
        var m = MachineBuilder.With(cpus: 4, memoryGb: 12, disk: 30);

        foreach (var filter in PlacementPlanner.DefaultFilters())
        {
            Assert.Null(filter.Reject(Job, m));
        }
    }

    [Theory]
    [InlineData("ssh: connection refused", "proc02: unavailable (ssh: connection refused)")]
    [InlineData(null, "proc02: unavailable")]
    public void Unavailable_machine_is_rejected_with_its_reason(string? why, string expected)
    {
        var m = MachineBuilder.With(name: "proc02", available: false, unavailableReason: why);

        Assert.Equal(expected, new AvailabilityFilter().Reject(Job, m));
    }

    [Fact]
    public void Drained_machine_is_rejected_with_machine_drained_although_it_has_room()
    {
        var m = MachineBuilder.With(name: "proc03", drained: true);

        Assert.Equal("proc03: machine drained (ctl resume proc03)", new DrainFilter().Reject(Job, m));
        Assert.Null(new DrainFilter().Reject(Job, MachineBuilder.With(name: "proc03")));
    }

    [Fact]
    public void Cpu_filter_names_free_capacity_and_need()
    {
        var m = MachineBuilder.With(cpus: 4, usedCpus: 2);

        Assert.Equal("proc01: cpus 2 of 4 free, needs 4", ResourceFilter.Cpus.Reject(Job, m));
    }

    [Fact]
    public void Memory_filter_names_free_capacity_and_need()
    {
        var m = MachineBuilder.With(memoryGb: 16, usedMemoryGb: 4.5);

        Assert.Equal("proc01: memory 11.5 of 16 GB free, needs 12", ResourceFilter.Memory.Reject(Job, m));
    }

    [Fact]
    public void Disk_filter_names_free_capacity_and_need()
    {
        var m = MachineBuilder.With(disk: 100, usedDisk: 80);

        Assert.Equal("proc01: disk 20 of 100 free, needs 30", ResourceFilter.Disk.Reject(Job, m));
    }

    [Fact]
    public void Each_filter_counts_under_its_own_category()
    {
        Assert.Equal(
            [ReasonCategory.Feature, ReasonCategory.Unavailable, ReasonCategory.Drained, ReasonCategory.Cpus, ReasonCategory.Memory, ReasonCategory.Disk],
            PlacementPlanner.DefaultFilters().Select(f => f.Category));
    }
}
