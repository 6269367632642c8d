using SatDaemon.Database.Consistency;

namespace SatDaemon.Tools.Commands;

/// <summary>A bar of frames checked, redrawn in place; only made when stdout is a terminal (a redirected run stays clean).</summary>
internal sealed class ConsoleConsistencyProgress(TextWriter output) : IProgress<ConsistencyProgress>
{
    private const int BarWidth = 30;
    private int _lastWidth;

    public void Report(ConsistencyProgress value)
    {
        var filled = value.Total == 0 ? BarWidth : value.Done * BarWidth / value.Total;
        var line = $"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {value.Done}/{value.Total} {value.FrameId}";
        output.Write(line.PadRight(_lastWidth));
        _lastWidth = line.Length;
    }

    /// <summary>Clears the bar so the table starts on a clean line.</summary>
    public void Finish()
    {
        if (_lastWidth > 0) output.Write("\r" + new string(' ', _lastWidth) + "\r");
    }
}
