using System.Diagnostics;
using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

/// <summary>Invariants checked on many random job and machine sets; seeded, so a failure reproduces.</summary>
public class PlacementPlannerPropertyFacts
{
    private const double Tolerance = 1e-9;
    private static readonly PlacementPlanner Planner = new();
    private static readonly string[] Types = ["download", "slc", "coreg", "unwrap"];

    private sealed record Scenario(
        List<JobCandidate> Jobs, List<MachineState> Machines, List<JobTypeLimit> Limits, PlannerOptions Options);

    private static Scenario RandomScenario(Random random, int maxJobs = 40, int maxMachines = 10)
    {
        var machines = new List<MachineState>();
        int machineCount = random.Next(0, maxMachines + 1);
        for (int i = 0; i < machineCount; i++)
        {
            int cpus = random.Next(1, 33);
            double memory = random.Next(1, 129) * 0.5;
            int disk = random.Next(0, 101);
            machines.Add(MachineBuilder.With(
                name: $"proc{i:00}",
                cpus: cpus,
                memoryGb: memory,
                disk: disk,
                usedCpus: random.Next(0, cpus / 2 + 1),
                usedMemoryGb: random.Next(0, (int)(memory * 5) + 1) * 0.1, // tenths: exercise rounding drift
                usedDisk: random.Next(0, disk / 2 + 1),
                available: random.Next(5) > 0,
                unavailableReason: "ssh: connection refused"));
        }

        var jobs = new List<JobCandidate>();
        int jobCount = random.Next(0, maxJobs + 1);
        for (int i = 1; i <= jobCount; i++)
        {
            jobs.Add(JobBuilder.With(
                id: i,
                type: Types[random.Next(Types.Length)],
                priority: random.Next(3),
                stageRank: random.Next(4),
                date: new DateOnly(2020, 1, 1).AddDays(random.Next(60)),
                cpus: random.Next(0, 9),
                memoryGb: random.Next(0, 160) * 0.1,
                disk: random.Next(0, 30),
                waited: TimeSpan.FromMinutes(random.Next(0, 300))));
        }

        var limits = Types
            .Where(_ => random.Next(2) == 0)
            .Select(t => new JobTypeLimit(t, MaxRunning: random.Next(0, 6), Running: random.Next(0, 4)))
            .ToList();
        var options = new PlannerOptions
        {
            MaxReservations = random.Next(3) == 0 ? null : random.Next(0, 3),
            MaxLaunchesPerPass = random.Next(3) == 0 ? random.Next(0, 20) : null,
        };
        return new Scenario(jobs, machines, limits, options);
    }

    private static PlacementPlan Plan(Scenario s) =>
        Planner.Plan(s.Jobs, s.Machines, s.Limits, JobBuilder.Now, s.Options);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Never_exceeds_any_budget(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 250; round++)
        {
            var s = RandomScenario(random);
            var plan = Plan(s);

            foreach (var m in s.Machines)
            {
                var placed = plan.Placements.Where(p => p.Machine == m.Name).ToList();
                if (!m.Available)
                {
                    Assert.Empty(placed);
                    continue;
                }

                if (placed.Count == 0)
                {
                    continue; // running jobs alone may over-commit a machine; the planner only promises not to add to it
                }

                var total = placed.Aggregate(m.Used, (sum, p) => sum.Add(p.Job.Need));
                Assert.True(total.Cpus <= m.Capacity.Cpus, $"seed {seed} round {round}: {m.Name} cpus {total.Cpus} > {m.Capacity.Cpus}");
                Assert.True(total.MemoryGb <= m.Capacity.MemoryGb + Tolerance, $"seed {seed} round {round}: {m.Name} memory {total.MemoryGb} > {m.Capacity.MemoryGb}");
                Assert.True(total.Disk <= m.Capacity.Disk, $"seed {seed} round {round}: {m.Name} disk {total.Disk} > {m.Capacity.Disk}");
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Every_job_is_placed_or_waits_exactly_once_and_caps_hold(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 250; round++)
        {
            var s = RandomScenario(random);
            var plan = Plan(s);

            var seen = plan.Placements.Select(p => p.Job.PendingId).Concat(plan.Waiting.Select(w => w.Job.PendingId));
            Assert.Equal(s.Jobs.Select(j => j.PendingId).Order(), seen.Order());
            Assert.All(plan.Waiting, w => Assert.False(string.IsNullOrWhiteSpace(w.Reason)));

            if (s.Options.MaxLaunchesPerPass is int maxLaunches)
            {
                Assert.True(plan.Placements.Count <= maxLaunches);
            }

            foreach (var limit in s.Limits)
            {
                int placed = plan.Placements.Count(p => p.Job.JobType == limit.JobType);
                Assert.True(placed == 0 || limit.Running + placed <= limit.MaxRunning);
            }

            Assert.True(plan.Reservations.Count <= (s.Options.MaxReservations ?? s.Machines.Count));
            Assert.Equal(plan.Reservations.Count, plan.Reservations.Select(r => r.Machine).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Jobs_after_a_reservation_leave_room_for_the_starved_job(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 250; round++)
        {
            var s = RandomScenario(random);
            var plan = Plan(s);

            foreach (var reservation in plan.Reservations)
            {
                var machine = s.Machines.Single(m => m.Name == reservation.Machine);
                var onMachine = plan.Placements.Where(p => p.Machine == machine.Name).ToList();
                bool anyAfter = onMachine.Any(p => JobOrdering.Instance.Compare(p.Job, reservation.Job) > 0);
                if (anyAfter)
                {
                    var total = onMachine.Aggregate(machine.Used.Add(reservation.Job.Need), (sum, p) => sum.Add(p.Job.Need));
                    Assert.True(total.FitsWithin(machine.Capacity), $"seed {seed} round {round}: {machine.Name} backfill ate the reservation");
                }
            }
        }
    }

    [Fact]
    public void Input_order_does_not_change_the_plan()
    {
        var random = new Random(31);
        for (int round = 0; round < 100; round++)
        {
            var s = RandomScenario(random);
            var shuffledJobs = s.Jobs.ToArray();
            var shuffledMachines = s.Machines.ToArray();
            random.Shuffle(shuffledJobs);
            random.Shuffle(shuffledMachines);

            var plan = Plan(s);
            var again = Plan(s with { Jobs = [.. shuffledJobs], Machines = [.. shuffledMachines] });

            Assert.Equal(plan.Placements, again.Placements);
            Assert.Equal(plan.Reservations, again.Reservations);
            Assert.Equal(plan.ReasonCounts.OrderBy(kv => kv.Key), again.ReasonCounts.OrderBy(kv => kv.Key));
            // Reasons list machines in input order, so compare which jobs wait rather than the text.
            Assert.Equal(plan.Waiting.Select(w => w.Job), again.Waiting.Select(w => w.Job));
        }
    }

    private static (List<JobCandidate> Jobs, List<MachineState> Machines) TenThousandJobsOnFortyMachines()
    {
        var random = new Random(41);
        var machines = Enumerable.Range(0, 40)
            .Select(i => MachineBuilder.With(name: $"proc{i:00}", cpus: 32, memoryGb: 256, disk: 100, usedCpus: random.Next(0, 16)))
            .ToList();
        var jobs = Enumerable.Range(1, 10_000)
            .Select(i => JobBuilder.With(
                id: i,
                type: Types[random.Next(Types.Length)],
                priority: random.Next(3),
                stageRank: random.Next(4),
                cpus: random.Next(1, 9),
                memoryGb: random.Next(1, 33),
                disk: random.Next(0, 31),
                waited: TimeSpan.FromMinutes(random.Next(0, 300))))
            .ToList();
        return (jobs, machines);
    }

    [Fact]
    public void Filters_run_at_most_once_per_job_and_machine()
    {
        // Counting calls instead of timing makes the O(jobs × machines) promise testable on a busy CI box.
        var (jobs, machines) = TenThousandJobsOnFortyMachines();
        var counting = PlacementPlanner.DefaultFilters().Select(f => new CountingFilter(f)).ToList();

        new PlacementPlanner(counting).Plan(jobs, machines, [], JobBuilder.Now, new PlannerOptions());

        Assert.All(counting, f => Assert.True(f.Calls <= jobs.Count * machines.Count, $"{f.Category}: {f.Calls} calls"));
    }

    [Fact]
    public void Plans_ten_thousand_jobs_on_forty_machines_and_accounts_for_every_one()
    {
        // How fast is the bench's business (bench/SatDaemon.Bench, docs/performance.md); here only the outcome counts.
        var (jobs, machines) = TenThousandJobsOnFortyMachines();

        var plan = Planner.Plan(jobs, machines, [], JobBuilder.Now, new PlannerOptions());

        Assert.Equal(10_000, plan.Placements.Count + plan.Waiting.Count);
        Assert.Equal(jobs.Select(j => j.PendingId).Order(), plan.Placements.Select(p => p.Job.PendingId).Concat(plan.Waiting.Select(w => w.Job.PendingId)).Order());
    }

    [Fact]
    public void Plan_writes_no_reason_text_until_a_reason_is_read()
    {
        // 10^4 jobs on 40 machines leave thousands waiting; the daemon shows five. Writing a reason asks every filter for
        // its text, so the text calls tell whether the plan wrote any.
        var (jobs, machines) = TenThousandJobsOnFortyMachines();
        var counting = PlacementPlanner.DefaultFilters().Select(f => new TextCountingFilter(f)).ToList();

        var plan = new PlacementPlanner(counting).Plan(jobs, machines, [], JobBuilder.Now, new PlannerOptions());
        var duringPlan = counting.Sum(f => f.TextCalls);
        var reason = plan.Waiting[0].Reason;
        var afterOneRead = counting.Sum(f => f.TextCalls);

        Console.WriteLine($"waiting {plan.Waiting.Count}; text calls during plan {duringPlan}, after one read {afterOneRead}: {reason}");
        Assert.True(plan.Waiting.Count > 1000, $"only {plan.Waiting.Count} wait");
        Assert.Equal(0, duringPlan);
        Assert.InRange(afterOneRead, 1, machines.Count * counting.Count);
        Assert.Contains("no machine fits: proc00: ", reason);
    }

    /// <summary>Passes the yes/no through and counts only the calls that write a reason's text.</summary>
    private sealed class TextCountingFilter(IMachineFilter inner) : IMachineFilter
    {
        public int TextCalls { get; private set; }

        public string Category => inner.Category;

        public bool JudgesNeedOnly => inner.JudgesNeedOnly;

        public bool Rejects(JobCandidate job, MachineState machine) => inner.Rejects(job, machine);

        public string? Reject(JobCandidate job, MachineState machine)
        {
            TextCalls++;
            return inner.Reject(job, machine);
        }
    }

    /// <summary>Wraps a filter and counts how often the planner asks it.</summary>
    private sealed class CountingFilter(IMachineFilter inner) : IMachineFilter
    {
        public int Calls { get; private set; }

        public string Category => inner.Category;

        public string? Reject(JobCandidate job, MachineState machine)
        {
            Calls++;
            return inner.Reject(job, machine);
        }
    }
}
