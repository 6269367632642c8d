namespace SatDaemon.Database.Digest;

/// <summary>One frame's day: dates that got rows, dates whose row completed, jobs that failed ("coreg 2022-10-28").</summary>
public sealed record FrameDigest(string FrameId, IReadOnlyList<DateOnly> DatesAdded, IReadOnlyList<DateOnly> DatesProcessed, IReadOnlyList<string> FailedJobs);
