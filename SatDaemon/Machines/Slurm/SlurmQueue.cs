using System.Globalization;
using SatDaemon.Lifecycle.Reconcile;

namespace SatDaemon.Machines.Slurm;

/// <summary>One squeue line: a Slurm job with its state (PENDING, RUNNING, COMPLETING, TIMEOUT, …) and Slurm's reason.</summary>
public sealed record SlurmJob(long SlurmJobId, string Name, string State, string Reason)
{
    // Slurm's base states in which the job still holds (or waits for) its allocation; COMPLETING holds it until its
    // processes are gone, as a stopping SSH job holds its budget.
    private static readonly HashSet<string> Active = new(StringComparer.Ordinal)
        { "PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED" };

    public bool IsActive => Active.Contains(State);

    /// <summary>Slurm's own reason for ending the job (time limit, memory, node, cancellation…); null when it did not.</summary>
    public string? Verdict => JobProtocol.SlurmVerdict.Of(State, Reason);

    /// <summary>True when Slurm itself ended the job.</summary>
    public bool EndedBySlurm => !IsActive && Verdict is not null;

    public bool IsPending => State == "PENDING";

    /// <summary>This line as the reconcile decider reads it.</summary>
    public SlurmReading Reading => new(SlurmJobId, State, IsActive, IsPending, Verdict);
}

/// <summary>One squeue reading of a partition: the jobs of this installation, by SatDaemon job id.</summary>
public sealed class SlurmQueue
{
    private readonly Dictionary<(string Instance, long JobId), SlurmJob> _jobs = [];

    public static SlurmQueue Parse(string squeueOutput)
    {
        var queue = new SlurmQueue();
        foreach (var raw in squeueOutput.Split('\n'))
        {
            var f = raw.Trim().Split('|');
            if (f.Length < 4) continue;
            // Array jobs and heterogeneous jobs print ids like 12_3 or 12+0; ours are plain numbers.
            if (!long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            if (SlurmJobName.Parse(f[1]) is not { } key) continue;
            var job = new SlurmJob(id, f[1], f[2].Trim(), f[3].Trim());
            // A job submitted twice (a launch whose answer was lost, then settled and relaunched) is seen by its newest id,
            // unless an older one is still active: the active one is the one that matters.
            if (queue._jobs.TryGetValue(key, out var seen) && (seen.IsActive && !job.IsActive || seen.SlurmJobId > id && seen.IsActive == job.IsActive))
                continue;
            queue._jobs[key] = job;
        }
        return queue;
    }

    public SlurmJob? Find(string instance, long jobId) => _jobs.GetValueOrDefault((instance, jobId));

    public IEnumerable<(long JobId, SlurmJob Job)> OfInstance(string instance) =>
        _jobs.Where(kv => kv.Key.Instance == instance).Select(kv => (kv.Key.JobId, kv.Value));
}
