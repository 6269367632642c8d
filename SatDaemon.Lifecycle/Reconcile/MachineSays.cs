namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// Everything the machine said of one job: its `ps` part (an SSH or local machine) or its `squeue` part (a Slurm
/// machine), and, once nothing of it runs, what was read to settle it.
/// </summary>
public sealed record MachineSays(ProcessReading? Ps, SlurmReading? Squeue, GoneJobReading Gone)
{
    public static MachineSays FromPs(ProcessReading ps, GoneJobReading? gone = null) => new(ps, null, gone ?? GoneJobReading.NothingRead);

    public static MachineSays FromSqueue(SlurmReading squeue, GoneJobReading? gone = null) => new(null, squeue, gone ?? GoneJobReading.NothingRead);
}
