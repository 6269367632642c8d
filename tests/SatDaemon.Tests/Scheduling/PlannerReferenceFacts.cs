using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

/// <summary>
/// The planner against a plain reference written here from the placement rules (docs/design.md, the scheduler part of
/// DESIGN §5 and §14): every job, best first, asks every machine in turn, with no cache and no grouping. The planner keeps
/// one survey per need and features and asks again only the machines that changed since (issue 32); on queues full of
/// alike jobs the two must give the same plan: placements, reservations, who waits under which categories, can-never-run
/// and the counts.
/// </summary>
public class PlannerReferenceFacts
{
    private static readonly string[] Types = ["download", "slc", "coreg", "unwrap"];
    private static readonly string[] Features = ["internet", "bigmem", "gpu"];

    // A few shapes, many jobs each: alike jobs are what the planner groups.
    private static readonly (int Cpus, double Memory, int Disk)[] Needs =
        [(1, 2, 40), (4, 16, 30), (2, 8, 10), (4, 24, 20), (16, 64, 30), (1, 0.1, 5), (40, 8, 0)];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void Gives_the_plan_the_rules_give_on_random_queues_of_alike_jobs(int seed, bool frameFilter)
    {
        var random = new Random(seed);
        int compared = 0, placed = 0, waited = 0, reserved = 0;
        for (int round = 0; round < 150; round++)
        {
            var s = RandomScenario(random);
            IReadOnlyList<IMachineFilter> filters = frameFilter
                ? [.. PlacementPlanner.DefaultFilters(), new NoFrameOnMachine(s.Frame, s.BannedMachine)]
                : PlacementPlanner.DefaultFilters();

            var plan = new PlacementPlanner(filters).Plan(s.Jobs, s.Machines, s.Limits, JobBuilder.Now, s.Options);
            var expected = Reference.Plan(s, frameFilter);

            var where = $"seed {seed} round {round}";
            Assert.True(expected.Placements.SequenceEqual(plan.Placements.Select(p => $"{p.Job.PendingId}@{p.Machine}")), $"{where}: placements");
            Assert.True(expected.Reservations.SequenceEqual(plan.Reservations.Select(r => $"{r.Job.PendingId}@{r.Machine}")), $"{where}: reservations");
            Assert.True(expected.Waiting.SequenceEqual(plan.Waiting.Select(w => $"{w.Job.PendingId}:{string.Join(",", w.Categories)}:{w.CanNeverRun}")),
                $"{where}: waiting\nexpected {string.Join(" ", expected.Waiting)}\nactual   {string.Join(" ", plan.Waiting.Select(w => $"{w.Job.PendingId}:{string.Join(",", w.Categories)}:{w.CanNeverRun}"))}");
            Assert.Equal(expected.Counts.OrderBy(kv => kv.Key), plan.ReasonCounts.OrderBy(kv => kv.Key));
            Assert.All(plan.Waiting, w => Assert.False(string.IsNullOrWhiteSpace(w.Reason)));
            compared++;
            placed += plan.Placements.Count;
            waited += plan.Waiting.Count;
            reserved += plan.Reservations.Count;
        }

        Console.WriteLine($"seed {seed}: {compared} queues, {placed} placed, {waited} waiting, {reserved} reservations, same as the reference");
        Assert.True(placed > 0 && waited > 0, "the cases place some jobs and leave others waiting");
    }

    [Fact]
    public void The_cases_reach_every_kind_of_wait()
    {
        // Guards the generator: a comparison that never meets a starved job or a missing feature proves nothing about them.
        var random = new Random(1);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (int round = 0; round < 150; round++)
        {
            var s = RandomScenario(random);
            var plan = new PlacementPlanner().Plan(s.Jobs, s.Machines, s.Limits, JobBuilder.Now, s.Options);
            kinds.UnionWith(plan.ReasonCounts.Keys);
            if (plan.Reservations.Count > 0) kinds.Add("reservation made");
        }

        Console.WriteLine(string.Join(", ", kinds.Order(StringComparer.Ordinal)));
        Assert.Superset(new HashSet<string>
        {
            ReasonCategory.Feature, ReasonCategory.Unavailable, ReasonCategory.Drained, ReasonCategory.Cpus, ReasonCategory.Memory,
            ReasonCategory.Disk, ReasonCategory.Reserved, ReasonCategory.TypeLimit, ReasonCategory.LaunchLimit, ReasonCategory.FrameHeld,
            ReasonCategory.TooBig, ReasonCategory.OnlyDrained, ReasonCategory.MissingFeature, "reservation made",
        }, kinds);
    }

    private sealed record Scenario(
        List<JobCandidate> Jobs, List<MachineState> Machines, List<JobTypeLimit> Limits, PlannerOptions Options, string Frame, string BannedMachine);

    private static Scenario RandomScenario(Random random)
    {
        var machines = new List<MachineState>();
        int machineCount = random.Next(1, 13);
        for (int i = 0; i < machineCount; i++)
        {
            int cpus = random.Next(4) switch { 0 => 8, 1 => 16, 2 => 32, _ => 64 };
            double memory = cpus * 4;
            machines.Add(MachineBuilder.With(
                // Names not in input order, so the name tie-break is not the input order.
                name: $"proc{(i * 7) % 13:00}",
                cpus: cpus,
                memoryGb: memory,
                disk: 100,
                usedCpus: random.Next(3) == 0 ? random.Next(0, cpus + 1) : 0,
                usedMemoryGb: random.Next(3) == 0 ? random.Next(0, (int)memory * 10 + 1) * 0.1 : 0,
                usedDisk: random.Next(3) == 0 ? random.Next(0, 101) : 0,
                available: random.Next(8) > 0,
                unavailableReason: "ssh: connection refused",
                drained: random.Next(8) == 0,
                features: [.. Features.Where(_ => random.Next(3) == 0)]));
        }

        var jobs = new List<JobCandidate>();
        int jobCount = random.Next(0, 121);
        var frames = new[] { "132A_X", "064D_Y", "175A_Z" };
        for (int i = 1; i <= jobCount; i++)
        {
            var need = Needs[random.Next(Needs.Length)];
            jobs.Add(JobBuilder.With(
                id: i,
                type: Types[random.Next(Types.Length)],
                priority: random.Next(3),
                stageRank: random.Next(3),
                date: new DateOnly(2020, 1, 1).AddDays(random.Next(20)),
                cpus: need.Cpus,
                memoryGb: need.Memory,
                disk: need.Disk,
                waited: TimeSpan.FromMinutes(random.Next(4) == 0 ? random.Next(121, 400) : random.Next(0, 120)),
                frame: frames[random.Next(frames.Length)],
                frameHeld: random.Next(25) == 0,
                requires: random.Next(4) == 0 ? [Features[random.Next(Features.Length)]] : null,
                prefers: random.Next(4) == 0 ? [Features[random.Next(Features.Length)], Features[random.Next(Features.Length)]] : null));
        }

        var limits = Types
            .Where(_ => random.Next(3) == 0)
            .Select(t => new JobTypeLimit(t, MaxRunning: random.Next(0, 8), Running: random.Next(0, 3)))
            .ToList();
        var options = new PlannerOptions
        {
            MaxReservations = random.Next(3) == 0 ? null : random.Next(0, 3),
            MaxLaunchesPerPass = random.Next(4) == 0 ? random.Next(0, 30) : null,
        };
        return new Scenario(jobs, machines, limits, options, frames[random.Next(frames.Length)], machines[random.Next(machines.Count)].Name);
    }

    /// <summary>A filter that judges more than the need (the job's frame), so the planner cannot share answers between alike jobs.</summary>
    private sealed class NoFrameOnMachine(string frame, string machine) : IMachineFilter
    {
        public string Category => "frame ban";

        public string? Reject(JobCandidate job, MachineState m) =>
            job.FrameId == frame && m.Name == machine ? $"{m.Name}: not for {frame}" : null;
    }

    /// <summary>The rules, one job and one machine at a time, written for this test.</summary>
    private static class Reference
    {
        public sealed record Outcome(List<string> Placements, List<string> Reservations, List<string> Waiting, Dictionary<string, int> Counts);

        public static Outcome Plan(Scenario s, bool frameFilter)
        {
            var outcome = new Outcome([], [], [], new Dictionary<string, int>(StringComparer.Ordinal));
            var used = s.Machines.Select(m => m.Used).ToArray();
            var heldFor = new JobCandidate?[s.Machines.Count];
            var running = s.Limits.ToDictionary(l => l.JobType, l => l.Running, StringComparer.Ordinal);
            var max = s.Limits.ToDictionary(l => l.JobType, l => l.MaxRunning, StringComparer.Ordinal);
            int reservations = 0;

            // Priority first, later stages first, older dates, longer queued, smaller id (DESIGN §5).
            var ordered = s.Jobs.OrderByDescending(j => j.Priority).ThenByDescending(j => j.StageRank).ThenBy(j => j.Date)
                .ThenBy(j => j.QueuedAt).ThenBy(j => j.PendingId);
            foreach (var job in ordered)
            {
                void Wait(string[] categories, bool never)
                {
                    outcome.Waiting.Add($"{job.PendingId}:{string.Join(",", categories)}:{never}");
                    foreach (var c in categories) outcome.Counts[c] = outcome.Counts.GetValueOrDefault(c) + 1;
                }

                if (job.FrameHeld) { Wait([ReasonCategory.FrameHeld], false); continue; }
                if (s.Options.MaxLaunchesPerPass is int cap && outcome.Placements.Count >= cap) { Wait([ReasonCategory.LaunchLimit], false); continue; }
                if (max.TryGetValue(job.JobType, out var typeMax) && running[job.JobType] >= typeMax) { Wait([ReasonCategory.TypeLimit], false); continue; }

                var needs = job.Requires?.Names ?? [];
                var prefers = job.Prefers?.Names ?? [];
                var categories = new List<string>();
                int best = -1;
                (int Preferred, double Score) bestBy = default;
                for (int i = 0; i < s.Machines.Count; i++)
                {
                    var m = s.Machines[i];
                    var free = new Resources(m.Capacity.Cpus - used[i].Cpus, m.Capacity.MemoryGb - used[i].MemoryGb, m.Capacity.Disk - used[i].Disk);
                    string? no =
                        !needs.All(n => m.Offers.Names.Contains(n)) ? ReasonCategory.Feature
                        : !m.Available ? ReasonCategory.Unavailable
                        : m.Drained ? ReasonCategory.Drained
                        : job.Need.Cpus > free.Cpus ? ReasonCategory.Cpus
                        : job.Need.MemoryGb > free.MemoryGb + 1e-9 ? ReasonCategory.Memory
                        : job.Need.Disk > free.Disk ? ReasonCategory.Disk
                        : frameFilter && job.FrameId == s.Frame && m.Name == s.BannedMachine ? "frame ban"
                        : heldFor[i] is { } starved && !Fits(job.Need, new Resources(free.Cpus - starved.Need.Cpus,
                            free.MemoryGb - starved.Need.MemoryGb, free.Disk - starved.Need.Disk)) ? ReasonCategory.Reserved
                        : null;
                    if (no is not null)
                    {
                        if (!categories.Contains(no)) categories.Add(no);
                        continue;
                    }

                    // More preferred features first, then the fuller machine after placement, then the smaller name.
                    var after = used[i].Add(job.Need);
                    var by = (prefers.Count(m.Offers.Names.Contains), Fill(m.Capacity, after));
                    if (best < 0 || by.Item1 > bestBy.Preferred
                        || (by.Item1 == bestBy.Preferred && (by.Item2 > bestBy.Score
                            || (by.Item2 == bestBy.Score && string.CompareOrdinal(m.Name, s.Machines[best].Name) < 0))))
                    {
                        best = i;
                        bestBy = by;
                    }
                }

                if (best >= 0)
                {
                    used[best] = used[best].Add(job.Need);
                    if (running.ContainsKey(job.JobType)) running[job.JobType]++;
                    outcome.Placements.Add($"{job.PendingId}@{s.Machines[best].Name}");
                    continue;
                }

                // Why it waits: no machine offers the features, none could ever hold it, only drained ones could, or queueing.
                var offering = s.Machines.Where(m => needs.All(n => m.Offers.Names.Contains(n))).ToList();
                var holding = offering.Where(m => Fits(job.Need, m.Capacity)).ToList();
                if (offering.Count == 0 && needs.Count > 0) { Wait([ReasonCategory.MissingFeature], true); continue; }
                if (holding.Count == 0) { Wait([ReasonCategory.TooBig], true); continue; }
                if (holding.All(m => m.Drained)) { Wait([ReasonCategory.OnlyDrained], true); continue; }

                // Starved: reserve the biggest machine that could hold it (memory, cpus, disk), then the most free, then by name.
                if (JobBuilder.Now - job.QueuedAt > s.Options.StarvationAge && reservations < (s.Options.MaxReservations ?? s.Machines.Count))
                {
                    var choice = Enumerable.Range(0, s.Machines.Count)
                        .Where(i => s.Machines[i].Available && heldFor[i] is null && holding.Contains(s.Machines[i]))
                        .OrderByDescending(i => s.Machines[i].Capacity.MemoryGb).ThenByDescending(i => s.Machines[i].Capacity.Cpus)
                        .ThenByDescending(i => s.Machines[i].Capacity.Disk)
                        .ThenByDescending(i => s.Machines[i].Capacity.MemoryGb - used[i].MemoryGb)
                        .ThenByDescending(i => s.Machines[i].Capacity.Cpus - used[i].Cpus)
                        .ThenByDescending(i => s.Machines[i].Capacity.Disk - used[i].Disk)
                        .ThenBy(i => s.Machines[i].Name, StringComparer.Ordinal)
                        .Select(i => (int?)i).FirstOrDefault();
                    if (choice is int c)
                    {
                        heldFor[c] = job;
                        reservations++;
                        outcome.Reservations.Add($"{job.PendingId}@{s.Machines[c].Name}");
                    }
                }

                Wait([.. categories], false);
            }

            return outcome;
        }

        private static bool Fits(Resources need, Resources room) =>
            need.Cpus <= room.Cpus && need.MemoryGb <= room.MemoryGb + 1e-9 && need.Disk <= room.Disk;

        /// <summary>Mean fill over cpus, memory and disk after placement, in percent; a dimension without capacity counts 0.</summary>
        private static double Fill(Resources capacity, Resources after)
        {
            static double Ratio(double used, double cap) => cap <= 0 ? 0 : Math.Clamp(used / cap, 0, 1);
            return (Ratio(after.Cpus, capacity.Cpus) + Ratio(after.MemoryGb, capacity.MemoryGb) + Ratio(after.Disk, capacity.Disk)) / 3 * 100;
        }
    }
}
