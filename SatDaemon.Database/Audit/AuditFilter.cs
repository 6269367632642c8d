namespace SatDaemon.Database.Audit;

/// <summary>Which audit entries <see cref="AuditReader"/> returns; the filters combine (AND), newest first.</summary>
public sealed record AuditFilter(string? FrameId = null, string? User = null, DateTime? Since = null, int Limit = 50);
