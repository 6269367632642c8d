namespace SatDaemon.Tools.Commands;

/// <summary>What a progress bar shows of a report: how many of how many, and the item in hand.</summary>
internal readonly record struct ProgressStep(int Done, int Total, string Item);

/// <summary>
/// The tools' one progress display. On a terminal, a bar redrawn in place with '\r' (no ANSI escapes, so nothing
/// needs a terminal that understands them). On a file or pipe (cron mail, scripts) there is no '\r' at all: either a
/// plain line every <paramref name="lineEvery"/> items and at the end, or nothing when lineEvery is null (output that
/// scripts read, such as a table, stays exactly that).
/// Called from one writer, in order.
/// </summary>
internal sealed class ConsoleProgress<T>(TextWriter output, bool terminal, Func<T, ProgressStep> step, int? lineEvery) : IProgress<T>
{
    private const int BarWidth = 30;
    private int _lastLine;
    private int _lastWidth;

    /// <summary>A display for the console's stdout: a bar when stdout is a terminal, otherwise as <paramref name="lineEvery"/> says.</summary>
    public static ConsoleProgress<T> ForStdout(TextWriter output, Func<T, ProgressStep> step, int? lineEvery) =>
        new(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected, step, lineEvery);

    public void Report(T value)
    {
        var s = step(value);
        if (terminal) Draw(s);
        else if (lineEvery is { } every && s.Done > 0 && (s.Done - _lastLine >= every || s.Done == s.Total))
        {
            _lastLine = s.Done;
            output.WriteLine($"{s.Done}/{s.Total} {s.Item}");
        }
    }

    /// <summary>Ends the bar's line, so what follows starts on a fresh one.</summary>
    public void Finish()
    {
        if (terminal && _lastWidth > 0) output.WriteLine();
    }

    private void Draw(ProgressStep s)
    {
        var filled = s.Total == 0 ? BarWidth : Math.Clamp(s.Done * BarWidth / s.Total, 0, BarWidth);
        var line = $"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {s.Done}/{s.Total} {s.Item}";
        // Pad over the rest of a longer previous line.
        output.Write(line.PadRight(_lastWidth));
        _lastWidth = line.Length;
    }
}
