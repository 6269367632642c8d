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
    private readonly Dictionary<string, TypeBudget> _typeBudgets;

    private readonly List<Placement> _placements = [];
    private readonly List<Rejection> _waiting = [];
    private readonly List<Reservation> _reservations = [];
    private readonly Dictionary<string, int> _reasonCounts = new(StringComparer.Ordinal);

    // Reused per job so the jobs × machines loop allocates nothing; the reason text is PlanHistory's, written on demand.
    private readonly List<string> _categories = [];
    private readonly string[] _filterCategories;
    private readonly bool _needOnly;
    // Keyed by need and required features: two jobs alike in both meet the same "no" on every machine.
    private readonly Dictionary<(Resources Need, FeatureSet Requires), NoFit> _noFit = [];
    private readonly string?[] _byMachine;

    // Every machine that took a job or a reservation, in order: what a known "no machine fits" must look at again.
    private readonly List<int> _changes = [];
    private readonly PlanHistory _history;

    // One shared array per single-category wait, so a job held by a type limit allocates only its Rejection.
    private static readonly Dictionary<string, string[]> OneCategory = new(StringComparer.Ordinal)
    {
        [ReasonCategory.FrameHeld] = [ReasonCategory.FrameHeld],
        [ReasonCategory.LaunchLimit] = [ReasonCategory.LaunchLimit],
        [ReasonCategory.TypeLimit] = [ReasonCategory.TypeLimit],
        [ReasonCategory.TooBig] = [ReasonCategory.TooBig],
        [ReasonCategory.OnlyDrained] = [ReasonCategory.OnlyDrained],
        [ReasonCategory.MissingFeature] = [ReasonCategory.MissingFeature],
    };

    public PlanningPass(
        IReadOnlyList<MachineState> machines,
        IReadOnlyList<JobTypeLimit> limits,
        DateTimeOffset now,
        PlannerOptions options,
        IMachineFilter[] filters)
    {
        _filters = filters;
        _filterCategories = [.. filters.Select(f => f.Category)];
        _needOnly = filters.All(f => f.JudgesNeedOnly);
        _now = now;
        _options = options;
        _machines = new MachineState[machines.Count];
        _reservedFor = new JobCandidate?[machines.Count];
        _byMachine = new string?[machines.Count];
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

        _typeBudgets = new Dictionary<string, TypeBudget>(StringComparer.Ordinal);
        foreach (var limit in limits)
        {
            if (!_typeBudgets.TryAdd(limit.JobType, new TypeBudget(limit.MaxRunning, limit.Running)))
            {
                throw new ArgumentException($"Job type '{limit.JobType}' has two limits.", nameof(limits));
            }
        }

        _history = new PlanHistory(_machines, filters, now, options.MaxLaunchesPerPass, largest,
            _typeBudgets.ToDictionary(b => b.Key, b => b.Value.Max, StringComparer.Ordinal));
    }

    /// <summary>Places <paramref name="job"/> or records why it waits. Call in <see cref="JobOrdering"/> order.</summary>
    public void Consider(JobCandidate job)
    {
        _categories.Clear();

        // An operator's hold comes before everything: the job is not placed, whatever the budgets say.
        if (job.FrameHeld)
        {
            Wait(job, new WaitCause(WaitKind.FrameHeld), ReasonCategory.FrameHeld);
            return;
        }

        // Global and per-type caps first: they need no machine and hold whatever the budgets say.
        if (_options.MaxLaunchesPerPass is int maxLaunches && _placements.Count >= maxLaunches)
        {
            Wait(job, new WaitCause(WaitKind.LaunchLimit), ReasonCategory.LaunchLimit);
            return;
        }

        if (_typeBudgets.TryGetValue(job.JobType, out var budget) && budget.Running >= budget.Max)
        {
            Wait(job, new WaitCause(WaitKind.TypeLimit, Count: budget.Running), ReasonCategory.TypeLimit);
            return;
        }

        // Taken before this job's own reservation, which its "no machine fits" part does not yet see.
        int placementsBefore = _placements.Count;
        int reservationsBefore = _reservations.Count;
        int best = FindBestMachine(job, out bool anyOffers, out bool anyCanHold, out bool anyUndrainedCanHold, out var categories);
        if (best >= 0)
        {
            Place(job, best, budget);
            return;
        }

        // No machine offers what the job type requires: no budget or resume will ever let it run, only a config change.
        if (!anyOffers && !job.Needs.IsEmpty)
        {
            Wait(job, new WaitCause(WaitKind.MissingFeature), ReasonCategory.MissingFeature);
            return;
        }

        if (!anyCanHold)
        {
            Wait(job, new WaitCause(WaitKind.TooBig), ReasonCategory.TooBig);
            return;
        }

        // Only drained machines are big enough: no budget freeing up will ever let it start, only a ctl resume. Told
        // apart from queueing, and it reserves nothing (a drained machine takes no new job, starved or not).
        if (!anyUndrainedCanHold)
        {
            Wait(job, new WaitCause(WaitKind.OnlyDrained), ReasonCategory.OnlyDrained);
            return;
        }

        // The job fits somewhere in principle but nowhere now. Lower jobs may still run (backfill),
        // unless this one has waited so long that it should hold a machine for itself.
        int reserved = IsStarved(job) ? TryReserve(job) : -1;
        Wait(job, new WaitCause(WaitKind.NoMachineFits, placementsBefore, reservationsBefore, reserved), categories!);
    }

    public PlacementPlan ToPlan() =>
        new([.. _placements], [.. _waiting], new Dictionary<string, int>(_reasonCounts, StringComparer.Ordinal), [.. _reservations]);

    /// <summary>Runs the filter chain on every machine and returns the index of the best-scoring survivor, or −1.</summary>
    /// <param name="anyOffers">Whether any machine offers every feature the job requires.</param>
    /// <param name="anyCanHold">Whether any machine that offers them has the capacity for the job, even if busy or down now.</param>
    /// <param name="anyUndrainedCanHold">Whether a machine that is not drained could hold it (a down one counts: it comes back).</param>
    /// <param name="categories">When no machine takes the job: the categories of the machines' "no", in machine order.</param>
    private int FindBestMachine(JobCandidate job, out bool anyOffers, out bool anyCanHold, out bool anyUndrainedCanHold, out string[]? categories)
    {
        if (_needOnly && _noFit.TryGetValue((job.Need, job.Needs), out var known) && Refresh(known, job))
        {
            anyOffers = known.AnyOffers;
            anyCanHold = known.AnyCanHold;
            anyUndrainedCanHold = known.AnyUndrainedCanHold;
            categories = known.Categories;
            return -1;
        }

        anyOffers = false;
        anyCanHold = false;
        anyUndrainedCanHold = false;
        int best = -1;
        double bestScore = 0;
        int bestPreferred = 0;
        var prefers = job.Favours;
        for (int i = 0; i < _machines.Length; i++)
        {
            var m = _machines[i];

            // Down machines count: a job that fits an offline machine only has to wait for it.
            var offers = job.Needs.AllIn(m.Offers);
            anyOffers |= offers;
            var fits = offers && job.Need.FitsWithin(m.Capacity);
            anyCanHold |= fits;
            anyUndrainedCanHold |= fits && !m.Drained;

            var category = CategoryOn(i, job);
            _byMachine[i] = category;
            if (category is not null)
            {
                AddCategory(category);
                continue;
            }

            // A machine offering more of the preferred features wins outright; among equals the fullest wins.
            int preferred = prefers.IsEmpty ? 0 : prefers.CountIn(m.Offers);
            double score = BinPackScorer.Score(m.Capacity, m.Used.Add(job.Need));
            if (best < 0 || preferred > bestPreferred
                || (preferred == bestPreferred && BinPackScorer.IsBetter(score, m.Name, bestScore, _machines[best].Name)))
            {
                best = i;
                bestScore = score;
                bestPreferred = preferred;
            }
        }

        categories = null;
        if (best < 0)
        {
            categories = [.. _categories];
            if (_needOnly)
            {
                _noFit[(job.Need, job.Needs)] = new NoFit(_changes.Count, anyOffers, anyCanHold, anyUndrainedCanHold, [.. _byMachine], categories);
            }
        }

        return best;
    }

    /// <summary>The category of the first "no" machine <paramref name="i"/> gives the job now, or null when it takes it.</summary>
    private string? CategoryOn(int i, JobCandidate job)
    {
        var m = _machines[i];
        for (int f = 0; f < _filters.Length; f++)
        {
            if (_filters[f].Rejects(job, m))
            {
                return _filterCategories[f];
            }
        }

        // A reservation is checked after the filters: they say whether the job fits at all,
        // this says whether it would eat into the room held for a starved job. The starved job
        // did not fit, so within one plan its remainder is short in some dimension and the
        // machine takes nothing that needs that dimension; across passes, as running jobs end,
        // the remainder grows and small jobs may backfill again.
        if (_reservedFor[i] is { } starved && !job.Need.FitsWithin(m.Free.Subtract(starved.Need)))
        {
            return ReasonCategory.Reserved;
        }

        return null;
    }

    /// <summary>
    /// Brings a need's known "no machine fits" up to date: only machines that took a job or a reservation since can
    /// answer differently, and within a pass a machine only fills up, so a "no" stays a "no" and only its category may
    /// change. False (scan again) if a machine would now say yes, which the need-only filters never do.
    /// </summary>
    /// <remarks>
    /// This is what keeps 10^4 waiting jobs cheap: each costs one look-up plus the machines changed since the last job
    /// with its need, not machines × filters calls.
    /// </remarks>
    private bool Refresh(NoFit known, JobCandidate job)
    {
        bool changed = false;
        for (int k = known.Seen; k < _changes.Count; k++)
        {
            int i = _changes[k];
            var category = CategoryOn(i, job);
            if (category is null)
            {
                return false;
            }

            if (!ReferenceEquals(category, known.ByMachine[i]))
            {
                known.ByMachine[i] = category;
                changed = true;
            }
        }

        known.Seen = _changes.Count;
        if (changed)
        {
            _categories.Clear();
            foreach (var c in known.ByMachine)
            {
                AddCategory(c!);
            }

            known.Categories = [.. _categories];
        }

        return true;
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
        _history.Placed(machine, _placements.Count, _machines[machine].Used);
        _changes.Add(machine);
    }

    private bool IsStarved(JobCandidate job) => _now - job.QueuedAt > _options.StarvationAge;

    /// <summary>
    /// Reserves the machine where the job would fit soonest and returns its index, or −1 when the
    /// reservation quota is used up or no free-of-reservations machine can hold it.
    /// </summary>
    /// <remarks>
    /// The choice of machine is <see cref="ReservationChoice"/>'s. Down machines are skipped: nobody
    /// knows when they come back.
    /// </remarks>
    private int TryReserve(JobCandidate job)
    {
        if (_reservations.Count >= _maxReservations)
        {
            return -1;
        }

        int best = -1;
        for (int i = 0; i < _machines.Length; i++)
        {
            var m = _machines[i];
            if (!m.Available || _reservedFor[i] is not null || !job.Need.FitsWithin(m.Capacity) || !job.Needs.AllIn(m.Offers))
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
            return -1;
        }

        _reservedFor[best] = job;
        _reservations.Add(new Reservation(job, _machines[best].Name));
        _history.Reserved(best, job);
        _changes.Add(best);
        return best;
    }

    private void AddCategory(string category)
    {
        // At most a handful of categories per job: a linear scan beats a set here.
        if (!_categories.Contains(category))
        {
            _categories.Add(category);
        }
    }

    /// <summary>Records the job as waiting, held back by one category.</summary>
    private void Wait(JobCandidate job, WaitCause cause, string category) =>
        Wait(job, cause, OneCategory.TryGetValue(category, out var one) ? one : [category]);

    /// <summary>Records the job as waiting and counts it once under each category that held it back.</summary>
    private void Wait(JobCandidate job, WaitCause cause, string[] categories)
    {
        _waiting.Add(new Rejection(job, _history, cause, categories));
        foreach (var c in categories)
        {
            _reasonCounts[c] = _reasonCounts.GetValueOrDefault(c) + 1;
        }
    }

    /// <summary>Every machine's "no" to one need, as of the first <see cref="Seen"/> entries of the pass's machine changes.</summary>
    private sealed class NoFit(int seen, bool anyOffers, bool anyCanHold, bool anyUndrainedCanHold, string?[] byMachine, string[] categories)
    {
        public int Seen { get; set; } = seen;

        public bool AnyOffers { get; } = anyOffers;

        public bool AnyCanHold { get; } = anyCanHold;

        public bool AnyUndrainedCanHold { get; } = anyUndrainedCanHold;

        public string?[] ByMachine { get; } = byMachine;

        public string[] Categories { get; set; } = categories;
    }

    /// <summary>A per-type cap and how many of the type run, including those placed in this pass.</summary>
    private sealed class TypeBudget(int max, int running)
    {
        public int Max { get; } = max;

        public int Running { get; set; } = running;
    }
}
