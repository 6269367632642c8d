namespace SatDaemon.Web.Data;

/// <summary>A job_events row: launched, progress, finished, failed…</summary>
public sealed record JobEventView(long Id, long JobId, string Kind, string? FrameId, string? Machine, string? Message, DateTime Time);
