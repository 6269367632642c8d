namespace SatDaemon.Scheduling;

/// <summary>A processing machine as the planner sees it: its budget, what running jobs hold, and whether it can be used.</summary>
/// <param name="UnavailableReason">Why <paramref name="Available"/> is false (e.g. "ssh: connection refused"); shown in reasons.</param>
/// <param name="Drained">An operator drained it (ctl drain): it answers, but nothing new starts on it.</param>
/// <param name="Features">What it offers ([PROC_MACHINES:name] features); null = nothing.</param>
public sealed record MachineState(
    string Name,
    Resources Capacity,
    Resources Used,
    bool Available,
    string? UnavailableReason,
    bool Drained = false,
    FeatureSet? Features = null)
{
    /// <summary><see cref="Features"/>, never null.</summary>
    public FeatureSet Offers => Features ?? FeatureSet.None;

    /// <summary>Capacity − Used. Computed, so a copy made with <c>with { Used = … }</c> stays consistent.</summary>
    public Resources Free => Capacity.Subtract(Used);
}
