namespace SatDaemon.Web.Hosting;

/// <summary>Pending jobs as the planner sees them now.</summary>
/// <param name="ByReason">Jobs held back per reason category (cpus, memory, type limit…); a job may count under several.</param>
/// <param name="WouldLaunch">Jobs the planner would place now.</param>
/// <param name="BackingOff">Retries waiting out their backoff (not_before in the future), which the planner does not see yet.</param>
public sealed record WaitReasons(IReadOnlyDictionary<string, int> ByReason, int WouldLaunch, int BackingOff);
