namespace SatDaemon.Control;

/// <summary>How many pending jobs a frame has at one stage.</summary>
public sealed record PendingCount(string FrameId, string StageName, int Count);
