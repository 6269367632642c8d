using System.Buffers;

namespace SatDaemon.Scheduling;

/// <summary>Decides which pending jobs to launch on which machines in one pass; pure and database-free.</summary>
/// <remarks>
/// For each job, best first (<see cref="JobOrdering"/>): launch limit → type limit → filters on every
/// machine → bin-pack score of the survivors → place on the best and charge its budget. A job that
/// fits nowhere waits and the walk goes on (backfill); a starved one may reserve a machine first.
/// Cost: one sort of the jobs' ordering keys (JobOrdering.Key, copied into one array), then per job a look-up of the
/// survey kept for its need and features: every machine's answer and bin-pack score, asked once and then again only on
/// the machines that took a job or a reservation since (within a pass a machine changes in nothing else), so alike
/// jobs share one machines × filters scan and a long tail of waiting jobs costs one look-up and one
/// <see cref="Rejection"/> each. Reason texts are written only when read (<see cref="Rejection.Reason"/>): the daemon
/// logs five, explain prints all. Figures: docs/performance.md; PlacementPlannerPropertyFacts counts the filter calls,
/// PlannerReferenceFacts compares the plans with the rules applied job by job and machine by machine.
/// </remarks>
public sealed class PlacementPlanner
{
    private readonly IMachineFilter[] _filters;

    /// <summary>A planner with the default filter chain (<see cref="DefaultFilters"/>).</summary>
    public PlacementPlanner()
        : this(DefaultFilters())
    {
    }

    /// <summary>A planner with a custom filter chain, applied in the given order; the first rejection per machine wins.</summary>
    public PlacementPlanner(IReadOnlyList<IMachineFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        _filters = [.. filters];
    }

    /// <summary>The filters every pass runs, cheapest first.</summary>
    public static IReadOnlyList<IMachineFilter> DefaultFilters() =>
    [
        // A machine without a required feature never takes the job, whatever else is true of it now.
        new FeatureFilter(),
        // A down machine needs no arithmetic, and "unavailable" is the most useful thing to tell
        // the operator about it, so availability goes first.
        new AvailabilityFilter(),
        // A drained machine answers but takes nothing new: as cheap as availability, and as useful a reason.
        new DrainFilter(),
        // Then the budgets, one comparison each. When several are short, their order only decides
        // which reason is shown, never whether the job is placed.
        ResourceFilter.Cpus,
        ResourceFilter.Memory,
        ResourceFilter.Disk,
    ];

    /// <summary>Plans one pass. Does not modify its inputs; the same inputs always give the same plan.</summary>
    /// <param name="jobs">Pending jobs, in any order.</param>
    /// <param name="machines">Every configured machine, available or not; names must be unique.</param>
    /// <param name="limits">Per-type caps; a type without one is unlimited. At most one per type.</param>
    /// <param name="now">The pass time, used only to decide which jobs are starved.</param>
    public PlacementPlan Plan(
        IReadOnlyList<JobCandidate> jobs,
        IReadOnlyList<MachineState> machines,
        IReadOnlyList<JobTypeLimit> limits,
        DateTimeOffset now,
        PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Sorted by their keys copied into one array (JobOrdering.Key); the order is total, so the unstable sort still
        // gives one answer. The array is rented: at 10^4 jobs it is a large object, which the GC collects only with the
        // oldest generation.
        var keys = ArrayPool<JobOrdering.Key>.Shared.Rent(jobs.Count);
        try
        {
            for (int i = 0; i < jobs.Count; i++)
            {
                keys[i] = JobOrdering.Key.Of(jobs[i], i);
            }

            var ordered = keys.AsSpan(0, jobs.Count);
            ordered.Sort();

            var pass = new PlanningPass(jobs.Count, machines, limits, now, options, _filters);
            foreach (var key in ordered)
            {
                pass.Consider(jobs[key.Index]);
            }

            return pass.ToPlan();
        }
        finally
        {
            ArrayPool<JobOrdering.Key>.Shared.Return(keys);
        }
    }
}
