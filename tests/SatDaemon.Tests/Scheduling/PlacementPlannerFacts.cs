using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

public class PlacementPlannerFacts
{
    private static readonly PlacementPlanner Planner = new();
    private static readonly DateOnly May11 = new(2020, 5, 11);

    private static PlacementPlan Plan(
        IReadOnlyList<JobCandidate> jobs,
        IReadOnlyList<MachineState> machines,
        IReadOnlyList<JobTypeLimit>? limits = null,
        PlannerOptions? options = null) =>
        Planner.Plan(jobs, machines, limits ?? [], JobBuilder.Now, options ?? new PlannerOptions());

    private static string[] Placed(PlacementPlan plan) =>
        [.. plan.Placements.Select(p => $"{p.Job.PendingId}@{p.Machine}")];

    private static string ReasonOf(PlacementPlan plan, long id) =>
        plan.Waiting.Single(w => w.Job.PendingId == id).Reason;

    [Fact]
    public void Higher_priority_job_is_placed_first()
    {
        var machine = MachineBuilder.With(cpus: 8);
        var low = JobBuilder.With(id: 1, priority: 0, cpus: 8);
        var high = JobBuilder.With(id: 2, priority: 5, cpus: 8);

        var plan = Plan([low, high], [machine]);

        Assert.Equal(["2@proc01"], Placed(plan));
        Assert.Equal([low], plan.Waiting.Select(w => w.Job));
    }

    [Theory]
    // Both jobs need the whole machine; only the one JobOrdering puts first runs.
    [InlineData(3, 0, 0, 1, 0, 0, 1)] // later stage (unwrap) before earlier (download)
    [InlineData(2, 6, 0, 2, 0, 0, 2)] // same stage: older date first
    [InlineData(2, 0, 5, 2, 0, 30, 2)] // same stage and date: queued earlier first
    [InlineData(2, 0, 0, 2, 0, 0, 1)] // all equal: smaller pending id first
    public void Stage_rank_then_date_then_queue_time_decide_between_equal_priorities(
        int rank1, int dayOffset1, int waitedMinutes1, int rank2, int dayOffset2, int waitedMinutes2, long winner)
    {
        var job1 = JobBuilder.With(id: 1, stageRank: rank1, date: May11.AddDays(dayOffset1),
            waited: TimeSpan.FromMinutes(waitedMinutes1), cpus: 8);
        var job2 = JobBuilder.With(id: 2, stageRank: rank2, date: May11.AddDays(dayOffset2),
            waited: TimeSpan.FromMinutes(waitedMinutes2), cpus: 8);

        var plan = Plan([job2, job1], [MachineBuilder.With(cpus: 8)]);

        Assert.Equal([$"{winner}@proc01"], Placed(plan));
    }

    [Fact]
    public void A_waiting_jobs_reason_gives_the_budget_it_met_even_after_later_jobs_took_more()
    {
        // proc01: 8 cores, 4 used. Job 1 (6 cores) meets 4 free and waits; job 2 (2 cores) is placed, leaving 2 free;
        // jobs 3 and 4 (6 cores, like job 1) meet 2 free. Reasons are read after the whole plan.
        var machine = MachineBuilder.With(cpus: 8, usedCpus: 4);
        var plan = Plan(
        [
            JobBuilder.With(id: 1, priority: 5, cpus: 6),
            JobBuilder.With(id: 2, priority: 4, cpus: 2),
            JobBuilder.With(id: 3, priority: 3, cpus: 6),
            JobBuilder.With(id: 4, priority: 2, cpus: 6),
        ], [machine]);

        Assert.Equal(["2@proc01"], Placed(plan));
        Assert.Equal("no machine fits: proc01: cpus 4 of 8 free, needs 6", ReasonOf(plan, 1));
        Assert.Equal("no machine fits: proc01: cpus 2 of 8 free, needs 6", ReasonOf(plan, 3));
        Assert.Equal("no machine fits: proc01: cpus 2 of 8 free, needs 6", ReasonOf(plan, 4));
        Assert.Equal(3, plan.ReasonCounts[ReasonCategory.Cpus]);
    }

    [Fact]
    public void Lower_job_that_fits_backfills_when_best_does_not_fit()
    {
        var machine = MachineBuilder.With(memoryGb: 16, usedMemoryGb: 12);
        var best = JobBuilder.With(id: 1, priority: 5, memoryGb: 8);
        var lower = JobBuilder.With(id: 2, priority: 0, memoryGb: 2);

        var plan = Plan([best, lower], [machine]);

        Assert.Equal(["2@proc01"], Placed(plan));
        Assert.Equal("no machine fits: proc01: memory 4 of 16 GB free, needs 8", ReasonOf(plan, 1));
    }

    [Fact]
    public void Job_goes_to_the_machine_it_leaves_fullest()
    {
        var idle = MachineBuilder.With(name: "proc01", cpus: 8);
        var busy = MachineBuilder.With(name: "proc02", cpus: 8, usedCpus: 4);

        var plan = Plan([JobBuilder.With(cpus: 2)], [idle, busy]);

        Assert.Equal(["1@proc02"], Placed(plan));
    }

    [Fact]
    public void Equal_machines_are_chosen_by_name_whatever_the_input_order()
    {
        var plan = Plan([JobBuilder.With()], [MachineBuilder.With(name: "proc02"), MachineBuilder.With(name: "proc01")]);

        Assert.Equal(["1@proc01"], Placed(plan));
    }

    [Fact]
    public void Jobs_placed_earlier_in_the_pass_use_up_the_budget()
    {
        var jobs = Enumerable.Range(1, 5).Select(i => JobBuilder.With(id: i, cpus: 1)).ToList();

        var plan = Plan(jobs, [MachineBuilder.With(cpus: 4)]);

        Assert.Equal(["1@proc01", "2@proc01", "3@proc01", "4@proc01"], Placed(plan));
        Assert.Equal("no machine fits: proc01: cpus 0 of 4 free, needs 1", ReasonOf(plan, 5));
    }

    [Fact]
    public void Unavailable_machine_gets_nothing_and_the_reason_lists_every_machine()
    {
        var down = MachineBuilder.With(name: "proc01", available: false, unavailableReason: "ssh: connection refused");
        var full = MachineBuilder.With(name: "proc02", memoryGb: 16, usedMemoryGb: 12);

        var plan = Plan([JobBuilder.With(memoryGb: 8)], [down, full]);

        Assert.Empty(plan.Placements);
        Assert.Equal(
            "no machine fits: proc01: unavailable (ssh: connection refused); proc02: memory 4 of 16 GB free, needs 8",
            ReasonOf(plan, 1));
        Assert.Equal(1, plan.ReasonCounts[ReasonCategory.Unavailable]);
        Assert.Equal(1, plan.ReasonCounts[ReasonCategory.Memory]);
    }

    [Fact]
    public void Type_limit_counts_running_jobs_and_jobs_placed_in_this_pass()
    {
        var jobs = new[]
        {
            JobBuilder.With(id: 1, type: "download"),
            JobBuilder.With(id: 2, type: "download"),
            JobBuilder.With(id: 3, type: "download"),
            JobBuilder.With(id: 4, type: "slc"),
        };

        var plan = Plan(jobs, [MachineBuilder.With(cpus: 32)], [new JobTypeLimit("download", MaxRunning: 3, Running: 1)]);

        // One download already runs, so two more fit under the cap; slc has no cap.
        Assert.Equal(["1@proc01", "2@proc01", "4@proc01"], Placed(plan));
        Assert.Equal("type limit: 3 of max 3 download running", ReasonOf(plan, 3));
        Assert.Equal(1, plan.ReasonCounts[ReasonCategory.TypeLimit]);
    }

    [Theory]
    [InlineData(4, 64, 0, "needs 64 GB memory; largest machine 48 GB memory")]
    [InlineData(64, 64, 0, "needs 64 cpus and 64 GB memory; largest machine 32 cpus, 48 GB memory")]
    [InlineData(4, 8, 150, "needs 150 disk; largest machine 100 disk")]
    // proc01 has the cores, proc02 the memory, neither both.
    [InlineData(16, 32, 0, "needs 16 cpus, 32 GB memory, 0 disk, more than any one machine has all of")]
    public void Too_big_job_says_it_can_never_run(int cpus, double memoryGb, int disk, string expectedStart)
    {
        var machines = new[]
        {
            MachineBuilder.With(name: "proc01", cpus: 32, memoryGb: 16),
            MachineBuilder.With(name: "proc02", cpus: 8, memoryGb: 48),
        };

        var plan = Plan([JobBuilder.With(cpus: cpus, memoryGb: memoryGb, disk: disk)], machines);

        Assert.Equal(expectedStart + "; it can never run until a bigger machine is configured", ReasonOf(plan, 1));
        Assert.Equal(1, plan.ReasonCounts[ReasonCategory.TooBig]);
        Assert.True(Assert.Single(plan.Waiting).CanNeverRun);
    }

    [Fact]
    public void Job_that_only_fits_a_machine_that_is_down_waits_for_it_and_is_not_too_big()
    {
        var bigButDown = MachineBuilder.With(name: "proc01", memoryGb: 64, available: false, unavailableReason: "maintenance");
        var small = MachineBuilder.With(name: "proc02", memoryGb: 16);

        var plan = Plan([JobBuilder.With(memoryGb: 32)], [bigButDown, small]);

        Assert.Equal("no machine fits: proc01: unavailable (maintenance); proc02: memory 16 of 16 GB free, needs 32", ReasonOf(plan, 1));
        Assert.False(plan.ReasonCounts.ContainsKey(ReasonCategory.TooBig));
    }

    [Fact]
    public void Without_machines_every_job_waits_with_that_reason()
    {
        var plan = Plan([JobBuilder.With()], []);

        Assert.StartsWith("no machines configured", ReasonOf(plan, 1));
    }

    [Fact]
    public void Launch_limit_caps_placements_per_pass_and_says_why()
    {
        var jobs = Enumerable.Range(1, 5).Select(i => JobBuilder.With(id: i)).ToList();

        var plan = Plan(jobs, [MachineBuilder.With(cpus: 32)], options: new PlannerOptions { MaxLaunchesPerPass = 2 });

        Assert.Equal(["1@proc01", "2@proc01"], Placed(plan));
        Assert.Equal("launch limit: 2 per pass reached", ReasonOf(plan, 5));
        Assert.Equal(3, plan.ReasonCounts[ReasonCategory.LaunchLimit]);
    }

    [Fact]
    public void Reason_counts_count_each_waiting_job_once_per_category()
    {
        var machines = new[]
        {
            MachineBuilder.With(name: "proc01", available: false, unavailableReason: "ssh: timeout"),
            MachineBuilder.With(name: "proc02", cpus: 8, memoryGb: 16, usedCpus: 6, usedMemoryGb: 14),
        };
        var jobs = new[]
        {
            JobBuilder.With(id: 1, memoryGb: 4),           // proc01 unavailable, proc02 memory
            JobBuilder.With(id: 2, cpus: 4),               // proc01 unavailable, proc02 cpus
            JobBuilder.With(id: 3, cpus: 4, memoryGb: 4),  // proc01 unavailable, proc02 cpus (first filter wins)
            JobBuilder.With(id: 4, type: "slc"),           // type limit
            JobBuilder.With(id: 5, memoryGb: 100),         // too big
        };

        var plan = Plan(jobs, machines, [new JobTypeLimit("slc", MaxRunning: 2, Running: 2)]);

        Assert.Empty(plan.Placements);
        Assert.Equal(
            new Dictionary<string, int>
            {
                [ReasonCategory.Unavailable] = 3,
                [ReasonCategory.Memory] = 1,
                [ReasonCategory.Cpus] = 2,
                [ReasonCategory.TypeLimit] = 1,
                [ReasonCategory.TooBig] = 1,
            },
            plan.ReasonCounts);
    }

    [Fact]
    public void Duplicate_machine_names_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plan([], [MachineBuilder.With(), MachineBuilder.With()]));

        Assert.Contains("proc01", ex.Message);
    }

    [Fact]
    public void Two_limits_for_one_job_type_are_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            Plan([], [MachineBuilder.With()], [new JobTypeLimit("slc", 1, 0), new JobTypeLimit("slc", 2, 0)]));
    }

    [Fact]
    public void Nonsense_options_are_refused_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Plan([], [], options: new PlannerOptions { MaxLaunchesPerPass = -1 }));

        Assert.Equal(nameof(PlannerOptions.MaxLaunchesPerPass), ex.ParamName);
    }

    [Fact]
    public void Held_frame_waits_with_frame_held_while_another_frame_is_placed()
    {
        // Both fit the one machine (8 cpus, 1 each); only the hold keeps the first back, though it has the higher priority.
        var held = JobBuilder.With(id: 1, frame: "HELD_F", priority: 10, frameHeld: true);
        var free = JobBuilder.With(id: 2, frame: "FREE_F");

        var plan = Plan([held, free], [MachineBuilder.With()]);

        Assert.Equal([2L], plan.Placements.Select(p => p.Job.PendingId));
        var wait = Assert.Single(plan.Waiting);
        Assert.Equal(1, wait.Job.PendingId);
        Assert.StartsWith("frame held: HELD_F", wait.Reason);
        Assert.Equal(1, plan.ReasonCounts[ReasonCategory.FrameHeld]);
    }

    [Fact]
    public void Drained_machine_gets_nothing_new_and_the_job_goes_to_the_other_machine()
    {
        // Bin-packing alone would pick the drained machine: after placing, it is 6 of 8 cpus full against 2 of 8.
        var job = JobBuilder.With(id: 1, cpus: 2);
        var drained = MachineBuilder.With(name: "proc01", usedCpus: 4, drained: true);
        var other = MachineBuilder.With(name: "proc02");

        var onlyDrained = Plan([job], [drained]);
        var both = Plan([job], [drained, other]);

        Assert.Empty(onlyDrained.Placements);
        Assert.Equal("proc02", Assert.Single(both.Placements).Machine);
    }

    [Fact]
    public void Job_that_fits_only_drained_machines_can_never_run_and_names_them_with_the_way_out()
    {
        // proc01 (drained) and proc03 (drained) have the memory; proc02 is up but too small, whatever it ends.
        var machines = new[]
        {
            MachineBuilder.With(name: "proc01", memoryGb: 64, drained: true),
            MachineBuilder.With(name: "proc02", memoryGb: 16),
            MachineBuilder.With(name: "proc03", memoryGb: 64, drained: true),
        };

        var plan = Plan([JobBuilder.With(id: 1, cpus: 2, memoryGb: 48)], machines);

        var wait = Assert.Single(plan.Waiting);
        Assert.Equal("needs 2 cpus, 48 GB memory, 0 disk; only drained machines can hold it: proc01, proc03 (ctl resume proc01); " +
                     "it can never run while they stay drained", wait.Reason);
        Assert.Equal([ReasonCategory.OnlyDrained], wait.Categories);
        Assert.True(wait.CanNeverRun);
        Assert.Empty(plan.Reservations);
    }

    [Fact]
    public void Job_held_back_by_a_drained_machine_and_a_busy_one_that_could_hold_it_is_ordinary_queueing()
    {
        // proc02 is big enough but full now: the job waits for it, with both machines' "no".
        var machines = new[]
        {
            MachineBuilder.With(name: "proc01", memoryGb: 64, drained: true),
            MachineBuilder.With(name: "proc02", memoryGb: 64, usedMemoryGb: 60),
        };

        var plan = Plan([JobBuilder.With(id: 1, memoryGb: 48)], machines);

        var wait = Assert.Single(plan.Waiting);
        Assert.Equal("no machine fits: proc01: machine drained (ctl resume proc01); proc02: memory 4 of 64 GB free, needs 48", wait.Reason);
        Assert.Equal([ReasonCategory.Drained, ReasonCategory.Memory], wait.Categories);
        Assert.False(wait.CanNeverRun);
    }

    [Fact]
    public void Job_that_fits_only_a_down_machine_is_not_marked_can_never_run()
    {
        var plan = Plan([JobBuilder.With(memoryGb: 32)], [MachineBuilder.With(name: "proc01", memoryGb: 64, available: false, unavailableReason: "maintenance")]);

        Assert.False(Assert.Single(plan.Waiting).CanNeverRun);
    }
}
