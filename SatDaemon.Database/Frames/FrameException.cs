namespace SatDaemon.Database.Frames;

/// <summary>A frame operation refused because of bad input (unknown frame or burst, bad id, bad date); nothing was changed.</summary>
public sealed class FrameException(string message) : Exception(message);
