using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

public class ResourcesFacts
{
    [Fact]
    public void Add_and_subtract_work_per_dimension()
    {
        var a = new Resources(4, 8.5, 30);
        var b = new Resources(1, 0.5, 10);

        Assert.Equal(new Resources(5, 9, 40), a.Add(b));
        Assert.Equal(new Resources(3, 8, 20), a.Subtract(b));
    }

    [Theory]
    [InlineData(4, 8, 30, true)]   // exactly the budget fits
    [InlineData(5, 8, 30, false)]  // one core too many
    [InlineData(4, 8.5, 30, false)] // half a GB too much
    [InlineData(4, 8, 31, false)]  // one disk unit too many
    [InlineData(0, 0, 0, true)]
    public void FitsWithin_requires_every_dimension_to_fit(int cpus, double memoryGb, int disk, bool fits)
    {
        var budget = new Resources(4, 8, 30);

        Assert.Equal(fits, new Resources(cpus, memoryGb, disk).FitsWithin(budget));
    }

    [Fact]
    public void Rounding_drift_in_memory_does_not_make_an_exact_fit_fail()
    {
        // 1.0 − 0.1 × 7 = 0.30000000000000004 in doubles, a hair more than 0.3.
        var free = new Resources(0, 1.0, 0);
        for (int i = 0; i < 7; i++)
        {
            free = free.Subtract(new Resources(0, 0.1, 0));
        }

        Assert.True(new Resources(0, 0.3, 0).FitsWithin(free));
    }

    [Fact]
    public void Prints_as_reasons_show_it()
    {
        Assert.Equal("4 cpus, 7.5 GB memory, 30 disk", new Resources(4, 7.5, 30).ToString());
    }

    [Fact]
    public void Machine_free_is_capacity_minus_used()
    {
        var m = MachineBuilder.With(cpus: 8, memoryGb: 16, disk: 100, usedCpus: 3, usedMemoryGb: 4.5, usedDisk: 40);

        Assert.Equal(new Resources(5, 11.5, 60), m.Free);
    }
}
