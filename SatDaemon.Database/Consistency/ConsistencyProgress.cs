namespace SatDaemon.Database.Consistency;

/// <summary>Progress of a check: frames done of total, and the frame just finished.</summary>
public readonly record struct ConsistencyProgress(int Done, int Total, string FrameId);
