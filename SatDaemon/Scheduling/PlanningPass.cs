using System.Runtime.InteropServices;

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
    // Each machine's place in the ordinal order of names: equal scores go to the smaller name.
    private readonly int[] _nameRank;
    private readonly Dictionary<string, TypeBudget> _typeBudgets;

    private readonly List<Placement> _placements = [];
    private readonly List<Rejection> _waiting;
    private readonly List<Reservation> _reservations = [];
    // Counted per categories array (shared by every job of one need, see Survey.Categories) and summed by name at the end:
    // a waiting job then costs one reference look-up instead of a string hash per category.
    private readonly Dictionary<string[], int> _countsByCategories = new(ReferenceEqualityComparer.Instance);

    // Reused per job so the jobs × machines loop allocates nothing; the reason text is PlanHistory's, written on demand.
    private readonly List<string> _categories = [];
    private readonly string[] _filterCategories;
    private readonly bool _needOnly;
    // Keyed by need, required and preferred features: jobs alike in the three get the same answer and score from every
    // machine, so a survey made for one serves the next after asking only the machines changed since.
    private readonly Dictionary<(Resources Need, FeatureSet Requires, FeatureSet Prefers), Survey> _surveys = [];

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
        int jobs,
        IReadOnlyList<MachineState> machines,
        IReadOnlyList<JobTypeLimit> limits,
        DateTimeOffset now,
        PlannerOptions options,
        IMachineFilter[] filters)
    {
        _filters = filters;
        // Most jobs of a long queue wait: sized once rather than grown (and copied) a dozen times.
        _waiting = new List<Rejection>(jobs);
        _filterCategories = [.. filters.Select(f => f.Category)];
        _needOnly = filters.All(f => f.JudgesNeedOnly);
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

        _nameRank = new int[_machines.Length];
        var byName = Enumerable.Range(0, _machines.Length).OrderBy(i => _machines[i].Name, StringComparer.Ordinal).ToArray();
        for (int r = 0; r < byName.Length; r++)
        {
            _nameRank[byName[r]] = r;
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

    /// <summary>The plan; hands over the pass's own lists (the pass ends here) rather than copying 10^4 entries.</summary>
    public PlacementPlan ToPlan()
    {
        var reasonCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (categories, count) in _countsByCategories)
        {
            foreach (var c in categories)
            {
                reasonCounts[c] = reasonCounts.GetValueOrDefault(c) + count;
            }
        }

        return new(_placements, _waiting, reasonCounts, _reservations);
    }

    /// <summary>The index of the machine that takes the job with the best score, or −1.</summary>
    /// <param name="anyOffers">Whether any machine offers every feature the job requires.</param>
    /// <param name="anyCanHold">Whether any machine that offers them has the capacity for the job, even if busy or down now.</param>
    /// <param name="anyUndrainedCanHold">Whether a machine that is not drained could hold it (a down one counts: it comes back).</param>
    /// <param name="categories">When no machine takes the job: the categories of the machines' "no", in machine order.</param>
    private int FindBestMachine(JobCandidate job, out bool anyOffers, out bool anyCanHold, out bool anyUndrainedCanHold, out string[]? categories)
    {
        var survey = SurveyFor(job);
        anyOffers = survey.AnyOffers;
        anyCanHold = survey.AnyCanHold;
        anyUndrainedCanHold = survey.AnyUndrainedCanHold;
        categories = null;
        if (survey.Taking == 0)
        {
            categories = survey.Categories ??= CategoriesOf(survey);
            return -1;
        }

        // A machine offering more of the preferred features wins outright; among equals the fullest wins.
        int best = -1;
        for (int i = 0; i < _machines.Length; i++)
        {
            if (survey.ByMachine[i] is not null)
            {
                continue;
            }

            int preferred = survey.Preferred[i];
            if (best < 0 || preferred > survey.Preferred[best]
                || (preferred == survey.Preferred[best]
                    && BinPackScorer.IsBetter(survey.Score[i], _nameRank[i], survey.Score[best], _nameRank[best])))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// Every machine's answer to the job, brought up to date: a survey made for an earlier job of the same need and
    /// features asks again only the machines that took a job or a reservation since (within a pass a machine changes in
    /// nothing else). With filters that judge more than the need, a new survey per job.
    /// </summary>
    /// <remarks>
    /// This is what keeps 10^4 jobs on 200 machines cheap: a waiting job costs one look-up, a placed one the machines
    /// changed since the last job like it plus one pass over the kept scores, not machines × filters calls.
    /// </remarks>
    private Survey SurveyFor(JobCandidate job)
    {
        var shape = (job.Need, job.Needs, job.Favours);
        if (!_needOnly || !_surveys.TryGetValue(shape, out var survey))
        {
            survey = NewSurvey(job);
            if (_needOnly)
            {
                _surveys[shape] = survey;
            }

            return survey;
        }

        for (int k = survey.Seen; k < _changes.Count; k++)
        {
            Ask(survey, _changes[k], job);
        }

        survey.Seen = _changes.Count;
        return survey;
    }

    private Survey NewSurvey(JobCandidate job)
    {
        var survey = new Survey(_machines.Length, _changes.Count);
        var prefers = job.Favours;
        for (int i = 0; i < _machines.Length; i++)
        {
            var m = _machines[i];

            // Down machines count: a job that fits an offline machine only has to wait for it.
            var offers = job.Needs.AllIn(m.Offers);
            survey.AnyOffers |= offers;
            var fits = offers && job.Need.FitsWithin(m.Capacity);
            survey.AnyCanHold |= fits;
            survey.AnyUndrainedCanHold |= fits && !m.Drained;
            survey.Preferred[i] = prefers.IsEmpty ? 0 : prefers.CountIn(m.Offers);

            // Counted as taking until asked, so that Ask counts it out when it says no.
            survey.Taking++;
            Ask(survey, i, job);
        }

        return survey;
    }

    /// <summary>Asks machine <paramref name="i"/> about the job now and keeps its answer and score in the survey.</summary>
    private void Ask(Survey survey, int i, JobCandidate job)
    {
        var category = CategoryOn(i, job);
        bool took = survey.ByMachine[i] is null;
        if (!ReferenceEquals(category, survey.ByMachine[i]))
        {
            survey.ByMachine[i] = category;
            survey.Categories = null;
        }

        if (category is null)
        {
            var m = _machines[i];
            survey.Score[i] = BinPackScorer.Score(m.Capacity, m.Used.Add(job.Need));
        }

        survey.Taking += (category is null ? 1 : 0) - (took ? 1 : 0);
    }

    /// <summary>The distinct categories of the machines' "no", in machine order.</summary>
    private string[] CategoriesOf(Survey survey)
    {
        _categories.Clear();
        foreach (var c in survey.ByMachine)
        {
            if (c is not null)
            {
                AddCategory(c);
            }
        }

        return [.. _categories];
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
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_countsByCategories, categories, out _);
        count++;
    }

    /// <summary>
    /// Every machine's answer to one need and features as of the first <see cref="Seen"/> entries of the pass's machine
    /// changes: the category of its "no" (null when it takes the job), and for those that take it the bin-pack score.
    /// </summary>
    private sealed class Survey(int machines, int seen)
    {
        public int Seen { get; set; } = seen;

        public bool AnyOffers { get; set; }

        public bool AnyCanHold { get; set; }

        public bool AnyUndrainedCanHold { get; set; }

        public string?[] ByMachine { get; } = new string?[machines];

        public double[] Score { get; } = new double[machines];

        /// <summary>How many of the job's preferred features each machine offers (fixed for the pass).</summary>
        public int[] Preferred { get; } = new int[machines];

        /// <summary>How many machines take the job now.</summary>
        public int Taking { get; set; }

        /// <summary>The distinct categories of <see cref="ByMachine"/> in machine order, once asked; null after a change.</summary>
        public string[]? Categories { get; set; }
    }

    /// <summary>A per-type cap and how many of the type run, including those placed in this pass.</summary>
    private sealed class TypeBudget(int max, int running)
    {
        public int Max { get; } = max;

        public int Running { get; set; } = running;
    }
}
