namespace SatDaemon.Web.Hosting;

/// <summary>
/// What the database alone does not say: why pending jobs wait (the planner's reasons, as `satdaemon explain` prints
/// them), each machine's health and the last pass. The daemon supplies it when it hosts the console; `satdaemon web`
/// plans read-only and knows no health. The console shows what it is given and says "unknown" for the rest.
/// </summary>
public interface IDaemonInsight
{
    /// <summary>Pending jobs by wait reason now; null when no planner is at hand.</summary>
    Task<WaitReasons?> WaitReasonsAsync(CancellationToken ct);

    /// <summary>Health of each configured machine; empty when unknown (the console runs without the daemon).</summary>
    IReadOnlyList<MachineHealthView> MachineHealth { get; }

    /// <summary>The daemon's last completed pass; null when unknown.</summary>
    PassSnapshot? LastPass { get; }
}
