using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

public class StarvationReservationFacts
{
    private static readonly PlacementPlanner Planner = new();
    private static readonly TimeSpan Starved = TimeSpan.FromHours(3);
    private static readonly TimeSpan Fresh = TimeSpan.FromHours(1);

    private static PlacementPlan Plan(
        IReadOnlyList<JobCandidate> jobs, IReadOnlyList<MachineState> machines, PlannerOptions? options = null) =>
        Planner.Plan(jobs, machines, [], JobBuilder.Now, options ?? new PlannerOptions());

    private static string[] Placed(PlacementPlan plan) =>
        [.. plan.Placements.Select(p => $"{p.Job.PendingId}@{p.Machine}")];

    private static string[] Reserved(PlacementPlan plan) =>
        [.. plan.Reservations.Select(r => $"{r.Job.PendingId}@{r.Machine}")];

    private static string ReasonOf(PlacementPlan plan, long id) =>
        plan.Waiting.Single(w => w.Job.PendingId == id).Reason;

    // proc01 is the only machine big enough for the 24 GB job but running jobs hold 24 of its 32 GB;
    // proc02 is too small for the big job but has room for small ones.
    private static MachineState[] BigBusyAndSmallIdle() =>
    [
        MachineBuilder.With(name: "proc01", cpus: 8, memoryGb: 32, usedCpus: 4, usedMemoryGb: 24),
        MachineBuilder.With(name: "proc02", cpus: 8, memoryGb: 16),
    ];

    [Fact]
    public void Starved_big_job_reserves_a_machine_and_blocks_small_backfill_there()
    {
        var big = JobBuilder.With(id: 1, priority: 5, memoryGb: 24, waited: Starved);
        var small = JobBuilder.With(id: 2, priority: 0, memoryGb: 2);
        var machines = new[] { BigBusyAndSmallIdle()[0] };

        var plan = Plan([big, small], machines);

        Assert.Empty(plan.Placements);
        Assert.Equal(["1@proc01"], Reserved(plan));
        Assert.Equal(
            "waits: reserved proc01 for starved job 132A_X ifg 2020-05-11 coreg #1 (queued 3h00m); "
            + "no machine fits: proc01: memory 8 of 32 GB free, needs 24",
            ReasonOf(plan, 1));
        Assert.Equal(
            "no machine fits: proc01: reserved for starved job 132A_X ifg 2020-05-11 coreg #1, "
            + "which needs 1 cpus, 24 GB memory, 0 disk",
            ReasonOf(plan, 2));
        Assert.Equal(1, plan.ReasonCounts[ReasonCategory.Reserved]);
    }

    [Fact]
    public void Job_younger_than_the_starvation_age_reserves_nothing_and_small_jobs_backfill()
    {
        var big = JobBuilder.With(id: 1, priority: 5, memoryGb: 24, waited: Fresh);
        var small = JobBuilder.With(id: 2, priority: 0, memoryGb: 2);

        var plan = Plan([big, small], [BigBusyAndSmallIdle()[0]]);

        Assert.Equal(["2@proc01"], Placed(plan));
        Assert.Empty(plan.Reservations);
        Assert.StartsWith("no machine fits:", ReasonOf(plan, 1));
    }

    [Fact]
    public void Starvation_age_is_an_option()
    {
        var big = JobBuilder.With(id: 1, memoryGb: 24, waited: Fresh);

        var plan = Plan([big], [BigBusyAndSmallIdle()[0]], new PlannerOptions { StarvationAge = TimeSpan.FromMinutes(30) });

        Assert.Equal(["1@proc01"], Reserved(plan));
    }

    [Fact]
    public void Small_job_avoids_the_reserved_machine_and_runs_elsewhere()
    {
        var big = JobBuilder.With(id: 1, priority: 5, memoryGb: 24, waited: Starved);
        var small = JobBuilder.With(id: 2, priority: 0, memoryGb: 2);

        var plan = Plan([big, small], BigBusyAndSmallIdle());

        // Bin-packing alone would pick the fuller proc01; the reservation sends the job to proc02.
        Assert.Equal(["2@proc02"], Placed(plan));
        Assert.Equal(["1@proc01"], Reserved(plan));
    }

    [Fact]
    public void Jobs_ahead_of_the_starved_job_are_placed_before_it_reserves()
    {
        var higher = JobBuilder.With(id: 1, priority: 9, memoryGb: 4);
        var big = JobBuilder.With(id: 2, priority: 5, memoryGb: 24, waited: Starved);

        var plan = Plan([big, higher], [BigBusyAndSmallIdle()[0]]);

        Assert.Equal(["1@proc01"], Placed(plan));
        Assert.Equal(["2@proc01"], Reserved(plan));
    }

    [Fact]
    public void Starved_job_that_fits_is_simply_placed()
    {
        var job = JobBuilder.With(memoryGb: 4, waited: Starved);

        var plan = Plan([job], BigBusyAndSmallIdle());

        Assert.Single(plan.Placements);
        Assert.Empty(plan.Reservations);
    }

    [Theory]
    // proc05 has the largest capacity (32 GB) though almost nothing free: largest capacity wins.
    [InlineData(true, "proc05")]
    // Without it, proc02 and proc04 tie on capacity (24 GB) and proc02 has more free (16 vs 12 GB).
    // proc01 is larger but down; proc03 (16 GB) cannot hold the job at all.
    [InlineData(false, "proc02")]
    public void Reservation_goes_to_the_largest_available_machine_that_can_hold_the_job(bool withProc05, string expected)
    {
        var machines = new List<MachineState>
        {
            MachineBuilder.With(name: "proc01", cpus: 8, memoryGb: 64, available: false, unavailableReason: "maintenance"),
            MachineBuilder.With(name: "proc02", cpus: 8, memoryGb: 24, usedCpus: 4, usedMemoryGb: 8),
            MachineBuilder.With(name: "proc03", cpus: 8, memoryGb: 16),
            MachineBuilder.With(name: "proc04", cpus: 8, memoryGb: 24, usedCpus: 6, usedMemoryGb: 12),
        };
        if (withProc05)
        {
            machines.Add(MachineBuilder.With(name: "proc05", cpus: 8, memoryGb: 32, usedCpus: 8, usedMemoryGb: 30));
        }

        var plan = Plan([JobBuilder.With(cpus: 8, memoryGb: 20, waited: Starved)], machines);

        Assert.Equal([$"1@{expected}"], Reserved(plan));
    }

    [Fact]
    public void Each_machine_holds_at_most_one_reservation_by_default()
    {
        var machines = new[]
        {
            MachineBuilder.With(name: "proc01", memoryGb: 32, usedMemoryGb: 30),
            MachineBuilder.With(name: "proc02", memoryGb: 32, usedMemoryGb: 31),
        };
        var jobs = Enumerable.Range(1, 3)
            .Select(i => JobBuilder.With(id: i, memoryGb: 16, waited: Starved + TimeSpan.FromMinutes(10 - i)))
            .ToList();

        var plan = Plan(jobs, machines);

        // Equal capacity: the machine with more free memory first, then the other; the third finds none.
        Assert.Equal(["1@proc01", "2@proc02"], Reserved(plan));
        Assert.StartsWith("no machine fits:", ReasonOf(plan, 3));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 3)] // capped by one per machine
    public void Only_the_first_MaxReservations_starved_jobs_reserve(int maxReservations, int expected)
    {
        var machines = Enumerable.Range(1, 3)
            .Select(i => MachineBuilder.With(name: $"proc0{i}", memoryGb: 32, usedMemoryGb: 30))
            .ToList();
        var jobs = Enumerable.Range(1, 4).Select(i => JobBuilder.With(id: i, memoryGb: 16, waited: Starved)).ToList();

        var plan = Plan(jobs, machines, new PlannerOptions { MaxReservations = maxReservations });

        Assert.Equal(expected, plan.Reservations.Count);
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), plan.Reservations.Select(r => r.Job.PendingId));
    }
}
