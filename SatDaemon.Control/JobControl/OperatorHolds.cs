namespace SatDaemon.Control;

/// <summary>What operators hold back: frames on hold and drained machines.</summary>
public sealed record OperatorHolds(IReadOnlyList<HeldFrame> Frames, IReadOnlyList<DrainedMachine> Machines);

/// <summary>A frame on ctl hold.</summary>
public sealed record HeldFrame(string FrameId, DateTime HeldAt, string? HeldBy);

/// <summary>A machine on ctl drain.</summary>
public sealed record DrainedMachine(string Machine, DateTime DrainedAt, string? DrainedBy);
