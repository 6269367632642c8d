namespace SatDaemon.Control.Jobs;

/// <summary>The last lines of a job's output, kept in memory for failed_jobs.log_tail and the Teams card. Thread-safe.</summary>
public sealed class LogTail(int capacity = LogTail.DefaultLines)
{
    public const int DefaultLines = 50;

    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity) _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (_gate) return string.Join('\n', _lines);
    }
}
