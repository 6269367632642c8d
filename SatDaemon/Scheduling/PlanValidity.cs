namespace SatDaemon.Scheduling;

/// <summary>
/// Whether the daemon's last plan still holds, so that a pass in which nothing it was made from changed can skip
/// reading 10^4 pending jobs and planning them again (issue 18: such a pass costs what changed, i.e. almost nothing).
/// </summary>
/// <remarks>
/// A plan is made from pending jobs, running jobs, holds and drains (all changed only through writers that raise
/// daemon_tools.recreate_joblist or mark their frame in joblist_dirty_frames, which makes the daemon rebuild and call
/// <see cref="Invalidate"/>), job ends (seen by
/// reconcile, which invalidates too), machine health (compared here), and time: a retry's backoff running out or a job
/// turning starved (<see cref="Planned"/>'s validUntil). A plan that placed anything is never reused: its launches
/// changed the budgets, and a launch limit may have held more back. Skipping can only delay a launch, never add one.
/// </remarks>
public sealed class PlanValidity
{
    private bool _valid;
    private DateTimeOffset _validUntil;
    private string _machines = "";

    /// <summary>Records a plan made at a time when machine health read <paramref name="machines"/>.</summary>
    /// <param name="validUntil">The first moment time alone could change it (a backoff ends, a job turns starved).</param>
    public void Planned(string machines, bool placedAny, DateTimeOffset validUntil)
    {
        _valid = !placedAny;
        _machines = machines;
        _validUntil = validUntil;
    }

    /// <summary>Something the plan was made from changed (job list rebuilt, a job ended): plan again.</summary>
    public void Invalidate() => _valid = false;

    /// <summary>True when planning again now would give the same plan, which placed nothing.</summary>
    public bool StillHolds(string machines, DateTimeOffset now) =>
        _valid && now < _validUntil && string.Equals(machines, _machines, StringComparison.Ordinal);

    /// <summary>Machine health as the plan sees it, one character per machine in config order: '+' available, '-' not.</summary>
    public static string Fingerprint(IEnumerable<bool> available) => string.Concat(available.Select(a => a ? '+' : '-'));

    /// <summary>
    /// The first moment time alone changes a plan: the earliest retry backoff still running at <paramref name="now"/>
    /// (<paramref name="nextNotBefore"/>), or the earliest waiting job turning starved.
    /// </summary>
    public static DateTimeOffset ValidUntil(PlacementPlan plan, DateTimeOffset? nextNotBefore, DateTimeOffset now, TimeSpan starvationAge)
    {
        var until = nextNotBefore ?? DateTimeOffset.MaxValue;
        foreach (var w in plan.Waiting)
        {
            // Strictly older than the age is starved (PlanningPass.IsStarved), hence the tick.
            var starvedAt = w.Job.QueuedAt + starvationAge + TimeSpan.FromTicks(1);
            if (starvedAt > now && starvedAt < until) until = starvedAt;
        }

        return until;
    }
}
