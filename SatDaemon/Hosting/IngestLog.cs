using Microsoft.Extensions.Logging;

namespace SatDaemon.Hosting;

/// <summary>Log lines of the daemon's background ingest. Event ids 1090-1099; never renumber: operators grep for them.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(1090, LogLevel.Information, "background ingest of {DataDir} every {Minutes} min")]
    public static partial void Scheduled(ILogger log, string dataDir, double minutes);

    [LoggerMessage(1091, LogLevel.Information, "ingest: {Found} zips, {Added} added, {Rejected} rejected, {Unreadable} folders unreadable ({ElapsedMs} ms)")]
    public static partial void Done(ILogger log, int found, int added, int rejected, int unreadable, long elapsedMs);

    [LoggerMessage(1092, LogLevel.Information, "ingest: {Frame} dates added {Dates}, {RsarIfg} rsar_ifg")]
    public static partial void DatesAdded(ILogger log, string frame, string dates, int rsarIfg);

    [LoggerMessage(1093, LogLevel.Information, "ingest: {Frame} got new files of {Count} dates, none added: {Reason}")]
    public static partial void FrameSkipped(ILogger log, string frame, string reason, int count);

    [LoggerMessage(1094, LogLevel.Warning, "ingest: {Frame} {Date} partial, not added: missing {Missing} of {Bursts} bursts (swaths {Swaths})")]
    public static partial void PartialDate(ILogger log, string frame, string date, int missing, int bursts, string swaths);

    [LoggerMessage(1095, LogLevel.Warning, "ingest: rejected {File}: {Reason}")]
    public static partial void Rejected(ILogger log, string file, string reason);

    [LoggerMessage(1096, LogLevel.Information, "ingest skipped this time: {Holder}")]
    public static partial void Held(ILogger log, string holder);

    [LoggerMessage(1097, LogLevel.Error, "ingest failed; trying again in {Minutes} min")]
    public static partial void Failed(ILogger log, double minutes, Exception exception);

    [LoggerMessage(1099, LogLevel.Debug, "ingest: nothing new ({Found} zips, {ElapsedMs} ms)")]
    public static partial void NothingNew(ILogger log, int found, long elapsedMs);

    [LoggerMessage(1098, LogLevel.Warning, "ingest: data_dir {DataDir} does not exist; trying again at the next interval")]
    public static partial void NoDataDir(ILogger log, string dataDir);
}
