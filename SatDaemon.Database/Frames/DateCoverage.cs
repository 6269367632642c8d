using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Frames;

/// <summary>Which of a frame's bursts the files of each date cover; a date is usable when they cover all of them.</summary>
internal sealed class DateCoverage
{
    private readonly Dictionary<DateOnly, HashSet<string>> _covered;

    public DateCoverage(IReadOnlyCollection<string> frameBursts, IEnumerable<(DateOnly Date, string BurstId)> fileBursts)
    {
        FrameBursts = frameBursts;
        var inFrame = frameBursts.ToHashSet(StringComparer.Ordinal);
        _covered = fileBursts.Where(x => inFrame.Contains(x.BurstId))
            .GroupBy(x => x.Date)
            .ToDictionary(g => g.Key, g => g.Select(x => x.BurstId).ToHashSet(StringComparer.Ordinal));
    }

    public IReadOnlyCollection<string> FrameBursts { get; }

    /// <summary>Dates whose files together cover every burst of the frame, in order.</summary>
    public IReadOnlyList<DateOnly> Usable =>
        FrameBursts.Count == 0 ? [] : _covered.Where(kv => kv.Value.Count == FrameBursts.Count).Select(kv => kv.Key).Order().ToList();

    public int CoveredOn(DateOnly date) => _covered.TryGetValue(date, out var s) ? s.Count : 0;

    /// <summary>The frame's bursts no file of <paramref name="date"/> covers, by id (empty for a usable date).</summary>
    public IReadOnlyList<string> MissingOn(DateOnly date)
    {
        var covered = _covered.GetValueOrDefault(date);
        return FrameBursts.Where(b => covered is null || !covered.Contains(b)).Order(StringComparer.Ordinal).ToList();
    }

    public static async Task<DateCoverage> LoadAsync(SatDbContext db, string frameId, CancellationToken ct)
    {
        var frameBursts = await db.FramesToBursts.Where(fb => fb.FrameId == frameId).Select(fb => fb.BurstId).ToListAsync(ct);
        // files2bursts is the truth about coverage; frames2files is only its cached summary per frame.
        var rows = await (
                from frb in db.FramesToBursts
                where frb.FrameId == frameId
                join fb in db.FilesToBursts on frb.BurstId equals fb.BurstId
                join f in db.Files on fb.FileId equals f.Id
                select new { f.Date, fb.BurstId })
            .Distinct()
            .ToListAsync(ct);
        return new DateCoverage(frameBursts, rows.Select(r => (r.Date, r.BurstId)));
    }
}
