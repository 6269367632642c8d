using SatDaemon.Scheduling;

namespace SatDaemon.Machines.Slurm;

/// <summary>
/// The budget of Slurm jobs whose end is already recorded but which Slurm still holds. job exec records the end from
/// inside the Slurm job, so its running_jobs row goes while Slurm still lists the job RUNNING (job exec exiting) and
/// then COMPLETING (the Epilog); the partition's share must stay counted until squeue no longer lists the job as
/// holding its allocation, or the daemon submits past the share (docs/slurm.md). Kept by the daemon in memory: after a
/// restart the first squeue comes before the first plan, and a job ended before that restart is counted again only if
/// its row was still there; its allocation is Slurm's last few seconds of it, which the next pass frees.
/// </summary>
public sealed class SlurmHeldBudget
{
    // Every job this daemon put on a Slurm machine (launched or seen running), with what it holds, until Slurm lets go.
    private readonly Dictionary<long, (string Machine, Resources Held)> _jobs = [];
    // The jobs each Slurm machine's last squeue listed as holding their allocation.
    private readonly Dictionary<string, HashSet<long>> _activeInSlurm = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A job launched on, or running on, a Slurm machine.</summary>
    public void Remember(long jobId, string machine, Resources held)
    {
        lock (_gate) _jobs[jobId] = (machine, held);
    }

    /// <summary>
    /// After a squeue of <paramref name="machine"/>: which of its jobs Slurm still holds; a job Slurm no longer holds
    /// and that had no running row is forgotten.
    /// </summary>
    public void Update(string machine, SlurmQueue queue, string instance, IReadOnlySet<long> runningRows)
    {
        var active = queue.OfInstance(instance).Where(j => j.Job.IsActive).Select(j => j.JobId).ToHashSet();
        lock (_gate)
        {
            foreach (var (id, (m, _)) in _jobs.ToList())
                if (m == machine && !runningRows.Contains(id) && !active.Contains(id)) _jobs.Remove(id);
            _activeInSlurm[machine] = active;
        }
    }

    /// <summary>
    /// True while a job of <paramref name="machine"/> is remembered: the daemon must keep reading the machine's squeue,
    /// even with no running row left on it, until Slurm lets go of the job, or what it holds would stay counted.
    /// </summary>
    public bool Tracks(string machine)
    {
        lock (_gate) return _jobs.Values.Any(j => j.Machine == machine);
    }

    /// <summary>
    /// What jobs without a running row in <paramref name="runningRows"/> (the rows the planner reads now) still hold on
    /// <paramref name="machine"/> by its last squeue (none for other machines). Taken against the planner's rows, not
    /// the squeue's: job exec records an end at any moment, and a row gone between the squeue and the plan is a job
    /// Slurm still held at the squeue (seen: the Epilog test submitted one job past the budget that way).
    /// </summary>
    public Resources HeldAfterEnd(string machine, IReadOnlySet<long> runningRows)
    {
        lock (_gate)
        {
            if (!_activeInSlurm.TryGetValue(machine, out var active)) return Resources.None;
            var held = Resources.None;
            foreach (var (id, (m, r)) in _jobs)
                if (m == machine && active.Contains(id) && !runningRows.Contains(id)) held = held.Add(r);
            return held;
        }
    }
}
