namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>What a machine's `ps` says of one job: its job exec (the session leader), or only its session's leftovers.</summary>
public enum ProcessSeen
{
    /// <summary>This installation's job exec for the job runs; <see cref="ProcessReading.Session"/> is its pid.</summary>
    JobExecAlive,
    /// <summary>job exec is gone but processes of its session (the recorded pid) still run.</summary>
    OrphansOnly,
    /// <summary>Nothing of the job runs.</summary>
    Gone,
}

/// <summary>
/// One job's part of a `ps` reading: what is seen, the session it is (job exec's pid, which leads it), and how many live
/// processes that session holds.
/// </summary>
public sealed record ProcessReading(ProcessSeen Seen, int? Session = null, int Processes = 0)
{
    public static ProcessReading Alive(int pid, int sessionSize) => new(ProcessSeen.JobExecAlive, pid, sessionSize);
    public static ProcessReading Orphans(int sid, int count) => new(ProcessSeen.OrphansOnly, sid, count);
    public static readonly ProcessReading Nothing = new(ProcessSeen.Gone);
}
