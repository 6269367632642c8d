using SatDaemon.Scheduling;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Scheduling;

/// <summary>
/// Routing by machine features (docs/design.md §14): a job type's requires are met by every machine it is placed on;
/// prefers only break ties in favour of machines that offer them; a job whose requires no machine offers can never run
/// and says which feature is missing.
/// </summary>
public sealed class FeatureRoutingFacts(ITestOutputHelper output)
{
    private static readonly PlacementPlanner Planner = new();

    private PlacementPlan Plan(IReadOnlyList<JobCandidate> jobs, IReadOnlyList<MachineState> machines, PlannerOptions? options = null)
    {
        var plan = Planner.Plan(jobs, machines, [], JobBuilder.Now, options ?? new PlannerOptions());
        foreach (var p in plan.Placements) output.WriteLine($"placed {p.Job.PendingId} ({p.Job.JobType}) on {p.Machine}");
        foreach (var w in plan.Waiting) output.WriteLine($"waits {w.Job.PendingId} [{string.Join(",", w.Categories)}]: {w.Reason}");
        return plan;
    }

    [Fact]
    public void A_job_that_requires_a_feature_goes_only_to_machines_that_offer_it()
    {
        // proc01 would win the bin-pack (it is fuller), but only dl01 has internet.
        var proc01 = MachineBuilder.With("proc01", cpus: 8, usedCpus: 6);
        var dl01 = MachineBuilder.With("dl01", cpus: 8, features: ["internet"]);
        var downloads = Enumerable.Range(1, 3).Select(i => JobBuilder.With(id: i, type: "download", requires: ["internet"])).ToList();

        var plan = Plan(downloads, [proc01, dl01]);

        Assert.Equal(3, plan.Placements.Count);
        Assert.All(plan.Placements, p => Assert.Equal("dl01", p.Machine));
    }

    [Fact]
    public void When_the_machines_with_the_feature_are_full_the_job_waits_naming_the_feature_and_starts_when_one_frees()
    {
        var proc01 = MachineBuilder.With("proc01", cpus: 8);
        var busy = MachineBuilder.With("dl01", cpus: 2, usedCpus: 2, features: ["internet"]);
        var download = JobBuilder.With(id: 7, type: "download", cpus: 1, requires: ["internet"]);

        var waiting = Plan([download], [proc01, busy]);
        var w = Assert.Single(waiting.Waiting);
        Assert.Contains("proc01: lacks internet", w.Reason);
        Assert.Contains("dl01", w.Reason);
        Assert.Equal([ReasonCategory.Feature, ReasonCategory.Cpus], w.Categories);
        Assert.False(w.CanNeverRun);

        var freed = Plan([download], [proc01, busy with { Used = Resources.None }]);
        Assert.Equal("dl01", Assert.Single(freed.Placements).Machine);
    }

    [Fact]
    public void A_job_whose_feature_no_machine_offers_can_never_run_and_says_which()
    {
        var machines = new[] { MachineBuilder.With("proc01", features: ["internet"]), MachineBuilder.With("proc02") };
        var job = JobBuilder.With(id: 3, type: "train", requires: ["gpu", "internet"]);

        var w = Assert.Single(Plan([job], machines).Waiting);

        Assert.Equal([ReasonCategory.MissingFeature], w.Categories);
        Assert.True(w.CanNeverRun);
        Assert.StartsWith("no machine has gpu (required by train); it can never run", w.Reason);
        Assert.DoesNotContain("internet", w.Reason.Split(';')[0]);
    }

    [Fact]
    public void Too_big_for_every_machine_with_the_feature_counts_only_those_machines()
    {
        var big = MachineBuilder.With("big01", cpus: 64, memoryGb: 512);
        var dl01 = MachineBuilder.With("dl01", cpus: 4, memoryGb: 8, features: ["internet"]);
        var job = JobBuilder.With(id: 4, type: "download", cpus: 16, requires: ["internet"]);

        var w = Assert.Single(Plan([job], [big, dl01]).Waiting);

        Assert.Equal([ReasonCategory.TooBig], w.Categories);
        Assert.Contains("largest machine with internet 4 cpus", w.Reason);
    }

    [Fact]
    public void Prefers_favours_a_machine_that_offers_it_but_never_waits_for_it()
    {
        var fuller = MachineBuilder.With("proc01", cpus: 8, usedCpus: 6);
        var bigdisk = MachineBuilder.With("proc02", cpus: 8, features: ["bigdisk"]);
        var job = JobBuilder.With(id: 1, type: "unwrap", prefers: ["bigdisk"]);

        // Without the preference the fuller machine wins the bin-pack; with it, the machine with bigdisk does.
        Assert.Equal("proc01", Assert.Single(Plan([JobBuilder.With(id: 1, type: "unwrap")], [fuller, bigdisk]).Placements).Machine);
        Assert.Equal("proc02", Assert.Single(Plan([job], [fuller, bigdisk]).Placements).Machine);

        // The preferred machine full: the job runs elsewhere at once rather than wait.
        var full = bigdisk with { Used = new Resources(8, 0, 0) };
        Assert.Equal("proc01", Assert.Single(Plan([job], [fuller, full]).Placements).Machine);
    }

    [Fact]
    public void Jobs_of_one_need_but_other_requires_are_not_judged_alike()
    {
        // The planner caches "no machine fits" per need: a job that requires gpu must not inherit the answer of a job of
        // the same size that requires nothing, nor the reverse.
        var proc01 = MachineBuilder.With("proc01", cpus: 4, features: ["gpu"]);
        var proc02 = MachineBuilder.With("proc02", cpus: 4);
        var jobs = new[]
        {
            JobBuilder.With(id: 1, priority: 9, cpus: 4),
            JobBuilder.With(id: 2, priority: 8, cpus: 4),
            JobBuilder.With(id: 3, priority: 7, cpus: 4, requires: ["gpu"]),
            JobBuilder.With(id: 4, priority: 6, cpus: 4),
        };

        var plan = Plan(jobs, [proc01, proc02]);

        Assert.Equal(2, plan.Placements.Count);
        var w3 = plan.Waiting.Single(w => w.Job.PendingId == 3);
        Assert.Contains("proc02: lacks gpu", w3.Reason);
        var w4 = plan.Waiting.Single(w => w.Job.PendingId == 4);
        Assert.DoesNotContain("lacks", w4.Reason);
    }

    [Fact]
    public void A_starved_job_reserves_only_a_machine_that_offers_its_feature()
    {
        var proc01 = MachineBuilder.With("proc01", cpus: 8, usedCpus: 8);
        var dl01 = MachineBuilder.With("dl01", cpus: 8, usedCpus: 8, features: ["internet"]);
        var starved = JobBuilder.With(id: 5, type: "download", cpus: 4, requires: ["internet"], waited: TimeSpan.FromHours(3));

        var plan = Plan([starved], [proc01, dl01], new PlannerOptions { StarvationAge = TimeSpan.FromHours(2) });

        Assert.Equal("dl01", Assert.Single(plan.Reservations).Machine);
    }
}
