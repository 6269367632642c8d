namespace SatDaemon.Web.Data;

/// <summary>A running job or an open failure, as a frame's tip on the map lists it.</summary>
public sealed record MapJob(long JobId, string FrameId, string JobType, DateOnly? Date, DateOnly? Date2, bool Failed);
