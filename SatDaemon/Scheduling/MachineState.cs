namespace SatDaemon.Scheduling;

/// <summary>A processing machine as the planner sees it: its budget, what running jobs hold, and whether it can be used.</summary>
/// <param name="UnavailableReason">Why <paramref name="Available"/> is false (e.g. "ssh: connection refused"); shown in reasons.</param>
/// <param name="Drained">An operator drained it (ctl drain): it answers, but nothing new starts on it.</param>
public sealed record MachineState(
    string Name,
    Resources Capacity,
    Resources Used,
    bool Available,
    string? UnavailableReason,
    bool Drained = false)
{
    /// <summary>Capacity − Used. Computed, so a copy made with <c>with { Used = … }</c> stays consistent.</summary>
    public Resources Free => Capacity.Subtract(Used);
}
