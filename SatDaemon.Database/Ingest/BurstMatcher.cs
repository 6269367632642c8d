using SatDaemon.Database.Model;

namespace SatDaemon.Database.Ingest;

/// <summary>
/// Finds the existing burst for a parsed one: same track, direction and swath, ANX id within ±1 (the same
/// ground burst differs by a tenth of a second or so between dates, DESIGN §2). Holds the known bursts in
/// memory so that ingest asks the database once, not per burst.
/// </summary>
internal sealed class BurstMatcher
{
    /// <summary>How far ANX ids of one ground burst may drift between dates, in tenths of a second.</summary>
    public const int Tolerance = 1;

    private readonly Dictionary<(int Track, string Direction, string Swath), SortedList<int, string>> _index = [];

    public BurstMatcher(IEnumerable<(string Id, int Track, string Direction, string Swath, int AnxId)> known)
    {
        foreach (var b in known) Add(b.Id, b.Track, b.Direction, b.Swath, b.AnxId);
    }

    public static BurstMatcher From(IEnumerable<Burst> bursts) =>
        new(bursts.Select(b => (b.Id, b.Track, b.OrbitDirection, b.Swath, b.AnxId)));

    /// <summary>The id of the known burst nearest in ANX id within the tolerance (exact match first), or null.</summary>
    public string? Match(int track, string direction, string swath, int anxId)
    {
        if (!_index.TryGetValue((track, direction, swath), out var byAnx)) return null;
        if (byAnx.TryGetValue(anxId, out var exact)) return exact;
        for (var d = 1; d <= Tolerance; d++)
        {
            // Lower first: a tie is settled the same way on every run.
            if (byAnx.TryGetValue(anxId - d, out var below)) return below;
            if (byAnx.TryGetValue(anxId + d, out var above)) return above;
        }
        return null;
    }

    public void Add(string id, int track, string direction, string swath, int anxId)
    {
        var key = (track, direction, swath);
        if (!_index.TryGetValue(key, out var byAnx)) _index[key] = byAnx = [];
        byAnx.TryAdd(anxId, id);
    }
}
