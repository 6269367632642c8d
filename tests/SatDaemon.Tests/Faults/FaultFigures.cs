using System.Globalization;

namespace SatDaemon.Tests.Faults;

/// <summary>Appends each fault test's figures to fault-figures.txt beside the test assembly, for docs/reliability.md.</summary>
internal static class FaultFigures
{
    private static readonly object Gate = new();

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "fault-figures.txt");

    public static void Record(string test, EventLedger ledger, int faults, TimeSpan? elapsed = null)
    {
        var lost = ledger.Launched - ledger.Finished - ledger.Failed - ledger.Cancelled;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:u}\t{test}\tjobs {ledger.Launched}\tfinished {ledger.Finished}\tfailed {ledger.Failed}\tnot started {ledger.Cancelled}\tadopted {ledger.Adopted}\tfaults {faults}\tlost {lost}\tduplicates {ledger.Duplicates.Count}\t{elapsed?.TotalSeconds:0.0} s");
        lock (Gate) File.AppendAllLines(FilePath, [line]);
    }

    /// <summary>Free-form figures (ledger, census, kills per window), one line per call.</summary>
    public static void Record(string test, string figures)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:u}\t{test}\t{figures.ReplaceLineEndings(" | ")}");
        lock (Gate) File.AppendAllLines(FilePath, [line]);
    }
}
