using SatDaemon.Database.Frames;

namespace SatDaemon.Control;

/// <summary>What <see cref="SatDaemonController.CreateFrameAsync"/> did: the frame, its bursts, the files linked and the dates added.</summary>
public sealed record FrameCreated(string FrameId, int Bursts, int FilesLinked, ProcDatesReport Dates);
