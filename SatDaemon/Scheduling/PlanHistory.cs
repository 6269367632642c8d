using System.Globalization;
using System.Text;

namespace SatDaemon.Scheduling;

/// <summary>
/// The budgets and reservations of one pass, step by step, so that a waiting job's reason can be written after the pass
/// from exactly what the planner saw when it considered the job (<see cref="Rejection.Reason"/>).
/// </summary>
/// <remarks>
/// Written only while the pass runs and read-only after it: a machine's budget changes only when a job is placed on it,
/// so the pass keeps one entry per placement, not a copy of every budget per waiting job. Filters are pure, so running
/// them again on the same budgets gives the same words the planner would have written.
/// </remarks>
internal sealed class PlanHistory
{
    private readonly MachineState[] _start;
    private readonly List<(int After, Resources Used)>?[] _used;
    private readonly List<(int Machine, JobCandidate Job)> _reservations = [];
    private readonly IMachineFilter[] _filters;
    private readonly DateTimeOffset _now;
    private readonly int? _maxLaunches;
    private readonly Resources _largest;
    private readonly Dictionary<string, int> _typeMax;

    public PlanHistory(MachineState[] start, IMachineFilter[] filters, DateTimeOffset now, int? maxLaunches, Resources largest,
        Dictionary<string, int> typeMax)
    {
        _start = [.. start];
        _used = new List<(int, Resources)>?[start.Length];
        _filters = filters;
        _now = now;
        _maxLaunches = maxLaunches;
        _largest = largest;
        _typeMax = typeMax;
        _needOnly = filters.All(f => f.JudgesNeedOnly);
    }

    private readonly bool _needOnly;

    /// <summary>The <paramref name="placements"/>-th placement of the pass went to machine <paramref name="machine"/>, which now uses <paramref name="used"/>.</summary>
    public void Placed(int machine, int placements, Resources used) => (_used[machine] ??= []).Add((placements, used));

    /// <summary>Machine <paramref name="machine"/> is held for the starved <paramref name="job"/> from now on.</summary>
    public void Reserved(int machine, JobCandidate job) => _reservations.Add((machine, job));

    /// <summary>
    /// Sentences already written, by need and cause: with filters that judge the need only, two jobs of one need met the
    /// same budgets give the same words, so a queue of 10^4 (whose sentences the daemon stores every pass) writes each
    /// once. A starved job's own reservation names it, so that one is never shared.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Resources Need, FeatureSet Requires, WaitCause Cause), string> _written = new();

    public string Describe(JobCandidate job, WaitCause cause) =>
        cause.Kind is WaitKind.TooBig or WaitKind.OnlyDrained or WaitKind.MissingFeature
        || (cause.Kind == WaitKind.NoMachineFits && cause.ReservedMachine < 0 && _needOnly)
            ? _written.GetOrAdd((job.Need, job.Needs, cause), _ => Write(job, cause))
            : Write(job, cause);

    private string Write(JobCandidate job, WaitCause cause) => cause.Kind switch
    {
        WaitKind.FrameHeld => $"frame held: {job.FrameId} is on hold (ctl release {job.FrameId})",
        WaitKind.LaunchLimit => string.Create(CultureInfo.InvariantCulture, $"launch limit: {_maxLaunches} per pass reached"),
        WaitKind.TypeLimit => string.Create(CultureInfo.InvariantCulture,
            $"type limit: {cause.Count} of max {_typeMax[job.JobType]} {job.JobType} running"),
        WaitKind.TooBig => job.Needs.IsEmpty
            ? TooBigReason.Describe(job.Need, _largest, _start.Length)
            : TooBigReason.Describe(job.Need, Largest(_start.Where(m => job.Needs.AllIn(m.Offers))), _start.Length, job.Needs),
        WaitKind.OnlyDrained => OnlyDrained(job),
        WaitKind.MissingFeature =>
            $"no machine has {string.Join(", ", job.Needs.MissingFrom(FeatureSet.Of(_start.SelectMany(m => m.Offers.Names))))} (required by {job.JobType})"
            + $"{SatDaemon.Database.Daemon.WaitCategories.NeverRunsMarker} until a machine with it is configured",
        _ => NoMachineFits(job, cause),
    };

    /// <summary>The largest capacity of <paramref name="machines"/> in each dimension (not necessarily one machine).</summary>
    private static Resources Largest(IEnumerable<MachineState> machines) =>
        machines.Aggregate(Resources.None, (l, m) => new Resources(
            Math.Max(l.Cpus, m.Capacity.Cpus), Math.Max(l.MemoryGb, m.Capacity.MemoryGb), Math.Max(l.Disk, m.Capacity.Disk)));

    /// <summary>The drained machines that alone could hold the job, and how to let it run.</summary>
    private string OnlyDrained(JobCandidate job)
    {
        var names = _start.Where(m => m.Drained && job.Need.FitsWithin(m.Capacity) && job.Needs.AllIn(m.Offers)).Select(m => m.Name).ToList();
        return $"needs {job.Need}; only drained machines can hold it: {string.Join(", ", names)} (ctl resume {names[0]}){SatDaemon.Database.Daemon.WaitCategories.NeverRunsMarker} while they stay drained";
    }

    /// <summary>Every machine's "no" as the job met it: budgets after <see cref="WaitCause.Count"/> placements and the first <see cref="WaitCause.Reservations"/> reservations.</summary>
    private string NoMachineFits(JobCandidate job, WaitCause cause)
    {
        var text = new StringBuilder();
        if (cause.ReservedMachine >= 0)
        {
            var age = _now - job.QueuedAt;
            text.Append(CultureInfo.InvariantCulture,
                $"waits: reserved {_start[cause.ReservedMachine].Name} for starved job {job.Description} (queued {(int)age.TotalHours}h{age.Minutes:00}m); ");
        }

        var reservedFor = new JobCandidate?[_start.Length];
        for (int k = 0; k < cause.Reservations; k++)
        {
            reservedFor[_reservations[k].Machine] = _reservations[k].Job;
        }

        text.Append("no machine fits: ");
        var first = true;
        for (int i = 0; i < _start.Length; i++)
        {
            var m = At(i, cause.Count);
            string? reason = null;
            foreach (var filter in _filters)
            {
                reason = filter.Reject(job, m);
                if (reason is not null)
                {
                    break;
                }
            }

            if (reason is null && reservedFor[i] is { } starved && !job.Need.FitsWithin(m.Free.Subtract(starved.Need)))
            {
                reason = $"{m.Name}: reserved for starved job {starved.Description}, which needs {starved.Need}";
            }

            if (reason is not null)
            {
                text.Append(first ? "" : "; ").Append(reason);
                first = false;
            }
        }

        return text.ToString();
    }

    /// <summary>Machine <paramref name="i"/> as it was after the first <paramref name="placements"/> placements.</summary>
    private MachineState At(int i, int placements)
    {
        var m = _start[i];
        if (_used[i] is not { } history)
        {
            return m;
        }

        for (int k = history.Count - 1; k >= 0; k--)
        {
            if (history[k].After <= placements)
            {
                return m with { Used = history[k].Used };
            }
        }

        return m;
    }
}
