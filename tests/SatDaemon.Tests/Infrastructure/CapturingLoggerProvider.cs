using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>Captures every log line of a host (all categories) so tests can assert on decisions and on what is never logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Category, string Text, DateTime At)> _lines = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Category, string Text)> Lines =>
        _lines.Select(l => (l.Level, l.EventId, l.Category, l.Text)).ToArray();

    public string AllText => string.Join('\n', _lines.Select(l => $"{l.Level} [{l.EventId}] {l.Category}: {l.Text}"));

    /// <summary>Lines containing <paramref name="needle"/>, each with the wall-clock time it was logged (to set beside a ledger's times).</summary>
    public IEnumerable<string> TimedLinesWith(string needle) =>
        _lines.Where(l => l.Text.Contains(needle, StringComparison.Ordinal)).Select(l => $"{l.At:HH:mm:ss.fff} {l.Level} [{l.EventId}] {l.Text}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((logLevel, eventId.Id, category, formatter(state, exception) + (exception is null ? "" : " " + exception), DateTime.UtcNow));
    }
}
