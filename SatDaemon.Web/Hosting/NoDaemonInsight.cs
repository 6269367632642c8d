namespace SatDaemon.Web.Hosting;

/// <summary>The console with the database only: no wait reasons, health or pass (tests, and tools without a planner).</summary>
public sealed class NoDaemonInsight : IDaemonInsight
{
    public Task<WaitReasons?> WaitReasonsAsync(CancellationToken ct) => Task.FromResult<WaitReasons?>(null);
    public IReadOnlyList<MachineHealthView> MachineHealth => [];
    public PassSnapshot? LastPass => null;
}
