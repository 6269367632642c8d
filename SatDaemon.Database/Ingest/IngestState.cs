using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Ingest;

/// <summary>
/// What ingest needs to know of the database, loaded once per run: known file ids (to skip zips before
/// reading them), known bursts (for matching) and which frames hold each burst (for frames2files).
/// Only the single writer changes it, so it needs no locking.
/// </summary>
internal sealed class IngestState
{
    private IngestState(HashSet<string> files, HashSet<string> burstIds, BurstMatcher matcher, Dictionary<string, List<string>> framesByBurst)
    {
        KnownFiles = files;
        KnownBurstIds = burstIds;
        Matcher = matcher;
        FramesByBurst = framesByBurst;
    }

    public HashSet<string> KnownFiles { get; }

    public HashSet<string> KnownBurstIds { get; }

    public BurstMatcher Matcher { get; }

    public Dictionary<string, List<string>> FramesByBurst { get; }

    public static async Task<IngestState> LoadAsync(SatDbFactory factory, CancellationToken ct)
    {
        await using var db = factory.Create();
        var files = (await db.Files.AsNoTracking().Select(f => f.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var bursts = await db.Bursts.AsNoTracking()
            .Select(b => new { b.Id, b.Track, b.OrbitDirection, b.Swath, b.AnxId })
            .ToListAsync(ct);
        var matcher = new BurstMatcher(bursts.Select(b => (b.Id, b.Track, b.OrbitDirection, b.Swath, b.AnxId)));
        var framesByBurst = (await db.FramesToBursts.AsNoTracking().ToListAsync(ct))
            .GroupBy(fb => fb.BurstId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(fb => fb.FrameId).ToList(), StringComparer.Ordinal);
        return new IngestState(files, bursts.Select(b => b.Id).ToHashSet(StringComparer.Ordinal), matcher, framesByBurst);
    }

    public IEnumerable<string> FramesOf(IEnumerable<string> burstIds) =>
        burstIds.SelectMany(b => FramesByBurst.TryGetValue(b, out var frames) ? frames : []).Distinct(StringComparer.Ordinal);
}
