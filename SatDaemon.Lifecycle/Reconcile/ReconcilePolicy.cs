namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// The reconcile's time limits: <see cref="KillGrace"/> ([PARAMETERS] kill_grace) between SIGTERM and SIGKILL and again
/// before a survivor is reported; <see cref="LaunchGrace"/>, how old an unreported claim must be before it is called never
/// started (a launch on its way may not have started job exec yet); <see cref="NotStartedLimit"/>, launches of one target
/// in a row that never start before it is recorded failed instead of queued again.
/// </summary>
public sealed record ReconcilePolicy(TimeSpan KillGrace, TimeSpan LaunchGrace, int NotStartedLimit = 3);
