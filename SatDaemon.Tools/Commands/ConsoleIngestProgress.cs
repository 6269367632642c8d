using SatDaemon.Database.Ingest;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// Shows ingest progress: a bar redrawn in place on a terminal, one line per <see cref="LineEvery"/> zips when
/// the output goes to a file or pipe (so logs stay readable). Called from the ingest's single writer, in order.
/// </summary>
internal sealed class ConsoleIngestProgress(TextWriter output, bool terminal) : IProgress<IngestProgress>
{
    public const int LineEvery = 50;
    private const int BarWidth = 30;
    private int _lastLine;
    private int _lastWidth;

    public void Report(IngestProgress value)
    {
        if (terminal) Draw(value);
        else if (value.Done > 0 && (value.Done - _lastLine >= LineEvery || value.Done == value.Total))
        {
            _lastLine = value.Done;
            output.WriteLine($"{value.Done}/{value.Total} {value.FileName}");
        }
    }

    /// <summary>Ends the bar's line so the summary starts on a fresh one.</summary>
    public void Finish()
    {
        if (terminal && _lastWidth > 0) output.WriteLine();
    }

    private void Draw(IngestProgress value)
    {
        var filled = value.Total == 0 ? BarWidth : value.Done * BarWidth / value.Total;
        var line = $"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {value.Done}/{value.Total} {value.FileName}";
        // Pad over the rest of a longer previous line.
        output.Write(line.PadRight(_lastWidth));
        _lastWidth = line.Length;
    }
}
