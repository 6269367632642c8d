namespace SatDaemon.Web.Data;

/// <summary>One stage of one row: "complete", "running", "waiting", "held", "failed", "todo" (not reached) or "none" (not in its chain).</summary>
public sealed record GridCell(string Stage, string Status);
