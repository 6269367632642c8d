using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>Records every log entry (message, state values and exception text) so tests can assert on them.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => _entries.ToArray();

    /// <summary>Everything that could reach a log sink, concatenated: used to prove a secret never leaks.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.FullText));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : string.Empty;
        _entries.Enqueue(new CapturedLogEntry(logLevel, eventId.Id, formatter(state, exception), values, exception?.ToString()));
    }

    /// <summary>Polls until an entry with <paramref name="eventId"/> appears; false on timeout.</summary>
    public async Task<bool> WaitForEventAsync(int eventId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_entries.Any(e => e.EventId == eventId))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return _entries.Any(e => e.EventId == eventId);
    }
}
