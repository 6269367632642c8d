namespace SatDaemon.Control;

/// <summary>How many pending jobs a frame has at one stage, waiting for one reason.</summary>
/// <param name="Reason">As squeue's REASON: the planner's categories at the daemon's last pass ("cpus", "memory,unavailable",
/// "type limit", …), "backoff" for a retry still waiting out its delay, "not planned yet" before any pass planned it.</param>
public sealed record PendingCount(string FrameId, string StageName, int Count, string Reason);
