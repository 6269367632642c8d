using Microsoft.Extensions.Logging;

namespace SatDaemon.Hosting;

/// <summary>Log lines of the Teams digest. Event ids 1100-1109; never renumber.</summary>
internal static partial class DigestLog
{
    [LoggerMessage(1100, LogLevel.Information, "Teams digest of {Day} sent: {Frames} frame cards")]
    public static partial void Sent(ILogger log, string day, int frames);

    [LoggerMessage(1101, LogLevel.Error, "Teams digest failed; trying again at the next check")]
    public static partial void Failed(ILogger log, Exception exception);
}
