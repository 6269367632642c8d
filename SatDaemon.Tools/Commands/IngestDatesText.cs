using System.Globalization;
using SatDaemon.Database.Frames;

namespace SatDaemon.Tools.Commands;

/// <summary>ingest-files' lines for one frame's dates: what was added, why nothing was, which dates lack bursts.</summary>
internal static class IngestDatesText
{
    public static IEnumerable<string> Lines(IngestFrameDates f, IReadOnlyCollection<DateOnly> newFileDates)
    {
        if (f.Skipped is { } why)
            yield return $"{f.FrameId}: {why}: no dates added (new files of {Dates(newFileDates)}; frame update-procdates adds them by hand)";
        else if (f.Update is { } u)
        {
            var added = f.DatesAdded.Count == 0 ? "no new usable date" : "dates added " + Dates(f.DatesAdded);
            var master = u.Master is { } m ? $"master {Iso(m)}{(u.MasterAdded ? " (new)" : "")}" : "no master yet";
            var ts = u.TimeSeriesReset ? ", time series to run again" : "";
            yield return $"{f.FrameId}: {added}; {master}, {u.RsarIfgAdded.Count} rsar_ifg added{ts}";
        }
        foreach (var p in f.Partial)
            yield return $"{f.FrameId}: {Iso(p.Date)} partial, not added: missing {p.MissingBursts.Count} of {p.FrameBursts} bursts "
                + $"(swaths {string.Join(", ", p.MissingSwaths)}: {string.Join(", ", p.MissingBursts)})";
    }

    private static string Dates(IEnumerable<DateOnly> dates) => string.Join(", ", dates.Select(Iso));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
