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
    private readonly Dictionary<string, Resources> _heldAfterEnd = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A job launched on, or running on, a Slurm machine.</summary>
    public void Remember(long jobId, string machine, Resources held)
    {
        lock (_gate) _jobs[jobId] = (machine, held);
    }

    /// <summary>
    /// After a squeue of <paramref name="machine"/>: the jobs with no running row that Slurm still holds are counted;
    /// a job Slurm no longer holds and that has no row is forgotten.
    /// </summary>
    public void Update(string machine, SlurmQueue queue, string instance, IReadOnlySet<long> runningRows)
    {
        var active = queue.OfInstance(instance).Where(j => j.Job.IsActive).Select(j => j.JobId).ToHashSet();
        lock (_gate)
        {
            var held = Resources.None;
            foreach (var (id, (m, r)) in _jobs.ToList())
            {
                if (m != machine || runningRows.Contains(id)) continue; // a running row counts itself
                if (active.Contains(id)) held = held.Add(r);
                else _jobs.Remove(id);
            }
            _heldAfterEnd[machine] = held;
        }
    }

    /// <summary>What ended jobs still hold on <paramref name="machine"/> by its last squeue (none for other machines).</summary>
    public Resources HeldAfterEnd(string machine)
    {
        lock (_gate) return _heldAfterEnd.GetValueOrDefault(machine);
    }
}
