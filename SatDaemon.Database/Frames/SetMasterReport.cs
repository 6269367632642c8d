namespace SatDaemon.Database.Frames;

/// <summary>What set-master did: the old and new master and the rows sent back for reprocessing.</summary>
public sealed record SetMasterReport(string FrameId, DateOnly? OldMaster, DateOnly NewMaster, bool Changed, IReadOnlyList<string> Reset);
