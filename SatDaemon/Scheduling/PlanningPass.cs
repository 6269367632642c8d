using System.Globalization;
using System.Text;

namespace SatDaemon.Scheduling;

/// <summary>The mutable state of one <see cref="PlacementPlanner.Plan"/> call: budgets left, reservations, reasons.</summary>
/// <remarks>Lives for one call only, so the planner itself stays stateless and thread-safe.</remarks>
internal sealed class PlanningPass
{
    private readonly IMachineFilter[] _filters;
    private readonly DateTimeOffset _now;
    private readonly PlannerOptions _options;
    private readonly int _maxReservations;

    // Working copies: Used grows as jobs are placed in this pass.
    private readonly MachineState[] _machines;
    private readonly JobCandidate?[] _reservedFor;
    private readonly Resources _largestCapacity;
    private readonly Dictionary<string, TypeBudget> _typeBudgets;

    private readonly List<Placement> _placements = [];
    private readonly List<Rejection> _waiting = [];
    private readonly List<Reservation> _reservations = [];
    private readonly Dictionary<string, int> _reasonCounts = new(StringComparer.Ordinal);

    // Reused per job so the jobs × machines loop allocates only the reason strings themselves.
    private readonly List<string> _reasons = [];
    private readonly List<string> _categories = [];
    private readonly StringBuilder _text = new();

    public PlanningPass(
        IReadOnlyList<MachineState> machines,
        IReadOnlyList<JobTypeLimit> limits,
        DateTimeOffset now,
        PlannerOptions options,
        IMachineFilter[] filters)
    {
        _filters = filters;
        _now = now;
        _options = options;
        _machines = new MachineState[machines.Count];
        _reservedFor = new JobCandidate?[machines.Count];
        _maxReservations = options.MaxReservations ?? machines.Count;

        var names = new HashSet<string>(StringComparer.Ordinal);
        var largest = Resources.None;
        for (int i = 0; i < machines.Count; i++)
        {
            var m = machines[i];
            if (!names.Add(m.Name))
            {
                throw new ArgumentException($"Machine '{m.Name}' appears twice.", nameof(machines));
            }

            _machines[i] = m;
            largest = new Resources(
                Math.Max(largest.Cpus, m.Capacity.Cpus),
                Math.Max(largest.MemoryGb, m.Capacity.MemoryGb),
                Math.Max(largest.Disk, m.Capacity.Disk));
        }

        _largestCapacity = largest;
        _typeBudgets = new Dictionary<string, TypeBudget>(StringComparer.Ordinal);
        foreach (var limit in limits)
        {
            if (!_typeBudgets.TryAdd(limit.JobType, new TypeBudget(limit.MaxRunning, limit.Running)))
            {
                throw new ArgumentException($"Job type '{limit.JobType}' has two limits.", nameof(limits));
            }
        }
    }

    /// <summary>Places <paramref name="job"/> or records why it waits. Call in <see cref="JobOrdering"/> order.</summary>
    public void Consider(JobCandidate job)
    {
        _reasons.Clear();
        _categories.Clear();

        // An operator's hold comes before everything: the job is not placed, whatever the budgets say.
        if (job.FrameHeld)
        {
            Wait(job, $"frame held: {job.FrameId} is on hold (ctl release {job.FrameId})", ReasonCategory.FrameHeld);
            return;
        }

        // Global and per-type caps first: they need no machine and hold whatever the budgets say.
        if (_options.MaxLaunchesPerPass is int maxLaunches && _placements.Count >= maxLaunches)
        {
            Wait(job, $"launch limit: {maxLaunches} per pass reached", ReasonCategory.LaunchLimit);
            return;
        }

        if (_typeBudgets.TryGetValue(job.JobType, out var budget) && budget.Running >= budget.Max)
        {
            Wait(job, $"type limit: {budget.Running} of max {budget.Max} {job.JobType} running", ReasonCategory.TypeLimit);
            return;
        }

        int best = FindBestMachine(job, out bool anyCanHold);
        if (best >= 0)
        {
            Place(job, best, budget);
            return;
        }

        if (!anyCanHold)
        {
            Wait(job, TooBigReason.Describe(job.Need, _largestCapacity, _machines.Length), ReasonCategory.TooBig);
            return;
        }

        // The job fits somewhere in principle but nowhere now. Lower jobs may still run (backfill),
        // unless this one has waited so long that it should hold a machine for itself.
        _text.Clear();
        if (IsStarved(job) && TryReserve(job) is string reserved)
        {
            var age = _now - job.QueuedAt;
            _text.Append(CultureInfo.InvariantCulture,
                $"waits: reserved {reserved} for starved job {job.Description} (queued {(int)age.TotalHours}h{age.Minutes:00}m); ");
        }

        _text.Append("no machine fits: ");
        for (int i = 0; i < _reasons.Count; i++)
        {
            _text.Append(i == 0 ? "" : "; ").Append(_reasons[i]);
        }

        Wait(job, _text.ToString(), category: null);
    }

    public PlacementPlan ToPlan() =>
        new([.. _placements], [.. _waiting], new Dictionary<string, int>(_reasonCounts, StringComparer.Ordinal), [.. _reservations]);

    /// <summary>Runs the filter chain on every machine and returns the index of the best-scoring survivor, or −1.</summary>
    /// <param name="anyCanHold">Whether any machine's full capacity holds the job, even if busy or down now.</param>
    private int FindBestMachine(JobCandidate job, out bool anyCanHold)
    {
        anyCanHold = false;
        int best = -1;
        double bestScore = 0;
        for (int i = 0; i < _machines.Length; i++)
        {
            var m = _machines[i];

            // Down machines count: a job that fits an offline machine only has to wait for it.
            anyCanHold |= job.Need.FitsWithin(m.Capacity);

            string? reason = null;
            string? category = null;
            foreach (var filter in _filters)
            {
                reason = filter.Reject(job, m);
                if (reason is not null)
                {
                    category = filter.Category;
                    break;
                }
            }

            // A reservation is checked after the filters: they say whether the job fits at all,
            // this says whether it would eat into the room held for a starved job. The starved job
            // did not fit, so within one plan its remainder is short in some dimension and the
            // machine takes nothing that needs that dimension; across passes, as running jobs end,
            // the remainder grows and small jobs may backfill again.
            if (reason is null && _reservedFor[i] is { } starved
                && !job.Need.FitsWithin(m.Free.Subtract(starved.Need)))
            {
                reason = $"{m.Name}: reserved for starved job {starved.Description}, which needs {starved.Need}";
                category = ReasonCategory.Reserved;
            }

            if (reason is not null)
            {
                _reasons.Add(reason);
                AddCategory(category!);
                continue;
            }

            double score = BinPackScorer.Score(m.Capacity, m.Used.Add(job.Need));
            if (BinPackScorer.IsBetter(score, m.Name, bestScore, best < 0 ? null : _machines[best].Name))
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }

    private void Place(JobCandidate job, int machine, TypeBudget? budget)
    {
        var m = _machines[machine];
        _machines[machine] = m with { Used = m.Used.Add(job.Need) };
        if (budget is not null)
        {
            budget.Running++;
        }

        _placements.Add(new Placement(job, m.Name));
    }

    private bool IsStarved(JobCandidate job) => _now - job.QueuedAt > _options.StarvationAge;

    /// <summary>
    /// Reserves the machine where the job would fit soonest and returns its name, or null when the
    /// reservation quota is used up or no free-of-reservations machine can hold it.
    /// </summary>
    /// <remarks>
    /// The choice of machine is <see cref="ReservationChoice"/>'s. Down machines are skipped: nobody
    /// knows when they come back.
    /// </remarks>
    private string? TryReserve(JobCandidate job)
    {
        if (_reservations.Count >= _maxReservations)
        {
            return null;
        }

        int best = -1;
        for (int i = 0; i < _machines.Length; i++)
        {
            var m = _machines[i];
            if (!m.Available || _reservedFor[i] is not null || !job.Need.FitsWithin(m.Capacity))
            {
                continue;
            }

            if (best < 0 || ReservationChoice.IsBetter(m, _machines[best]))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return null;
        }

        _reservedFor[best] = job;
        _reservations.Add(new Reservation(job, _machines[best].Name));
        return _machines[best].Name;
    }

    private void AddCategory(string category)
    {
        // At most a handful of categories per job: a linear scan beats a set here.
        if (!_categories.Contains(category))
        {
            _categories.Add(category);
        }
    }

    /// <summary>Records the job as waiting and counts it once under each category that held it back.</summary>
    private void Wait(JobCandidate job, string reason, string? category)
    {
        if (category is not null)
        {
            _categories.Clear();
            _categories.Add(category);
        }

        _waiting.Add(new Rejection(job, reason, [.. _categories]));
        foreach (var c in _categories)
        {
            _reasonCounts[c] = _reasonCounts.GetValueOrDefault(c) + 1;
        }
    }

    /// <summary>A per-type cap and how many of the type run, including those placed in this pass.</summary>
    private sealed class TypeBudget(int max, int running)
    {
        public int Max { get; } = max;

        public int Running { get; set; } = running;
    }
}
