using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

/// <summary>When the daemon may skip planning: only while nothing its last plan was made from has changed.</summary>
public class PlanValidityFacts
{
    private static readonly DateTimeOffset Now = JobBuilder.Now;
    private static readonly DateTimeOffset Later = Now.AddHours(1);

    [Fact]
    public void A_plan_that_placed_nothing_holds_until_something_changes()
    {
        var v = new PlanValidity();
        Assert.False(v.StillHolds("++", Now)); // no plan yet

        v.Planned("++", placedAny: false, Later);

        Assert.True(v.StillHolds("++", Now.AddMinutes(59)));
        Assert.False(v.StillHolds("+-", Now));         // a machine went down (or came back)
        Assert.False(v.StillHolds("++", Later));       // a backoff ended or a job turned starved
        v.Invalidate();                                // the job list was rebuilt or a job ended
        Assert.False(v.StillHolds("++", Now));
    }

    [Fact]
    public void A_plan_that_placed_jobs_never_holds()
    {
        // Its launches changed the budgets, and a launch limit may have held more back.
        var v = new PlanValidity();
        v.Planned("+", placedAny: true, DateTimeOffset.MaxValue);
        Assert.False(v.StillHolds("+", Now));
    }

    [Fact]
    public void Time_alone_ends_a_plan_at_the_first_backoff_end_or_the_first_job_turning_starved()
    {
        // One machine with 2 of 8 cores free: jobs of 4 cores wait. Starvation age 2 h. Job 1 queued 90 min ago turns
        // starved 30 min from now (strictly older than 2 h: one tick after); job 2 queued 3 h ago is already starved.
        var machine = MachineBuilder.With(cpus: 8, usedCpus: 6);
        var jobs = new[]
        {
            JobBuilder.With(id: 1, cpus: 4, waited: TimeSpan.FromMinutes(90)),
            JobBuilder.With(id: 2, cpus: 4, waited: TimeSpan.FromHours(3)),
        };
        var plan = new PlacementPlanner().Plan(jobs, [machine], [], Now, new PlannerOptions());
        var starvedAt = Now.AddMinutes(30).AddTicks(1);

        Assert.Equal(starvedAt, PlanValidity.ValidUntil(plan, nextNotBefore: null, Now, TimeSpan.FromHours(2)));
        Assert.Equal(Now.AddMinutes(10), PlanValidity.ValidUntil(plan, Now.AddMinutes(10), Now, TimeSpan.FromHours(2)));
        Assert.Equal(starvedAt, PlanValidity.ValidUntil(plan, Now.AddHours(1), Now, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Fingerprint_has_one_sign_per_machine_in_order() =>
        Assert.Equal("+-+", PlanValidity.Fingerprint([true, false, true]));
}
