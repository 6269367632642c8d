using Microsoft.Extensions.Logging;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>One entry recorded by <see cref="CapturingLogger{T}"/>.</summary>
public sealed record CapturedLogEntry(LogLevel Level, int EventId, string Message, string StateValues, string? Exception)
{
    public string FullText => $"{Level} {EventId} {Message} | {StateValues} | {Exception}";
}
