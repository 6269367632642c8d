using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Bursts;

/// <summary>
/// Bursts by track, swath and box, in track, ANX id, swath order: the one query behind `bursts list|export` and the
/// web console's bursts map.
/// </summary>
public sealed class BurstCatalog(SatDbFactory factory)
{
    public async Task<IReadOnlyList<Burst>> ListAsync(BurstFilter filter, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        IQueryable<Burst> q = db.Bursts.AsNoTracking();
        if (filter.Track is { } t) q = q.Where(b => b.Track == t);
        if (!string.IsNullOrEmpty(filter.Swath)) q = q.Where(b => b.Swath == filter.Swath);
        var bursts = await q.OrderBy(b => b.Track).ThenBy(b => b.AnxId).ThenBy(b => b.Swath).ToListAsync(ct);
        if (filter.Box is not { } box) return bursts;
        // The box test is NetTopologySuite's on both providers (SQLite has no spatial functions): a burst is in when its
        // outline touches the box, not merely its envelope, since a tilted burst's envelope reaches far past it.
        var boxPolygon = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(box);
        return bursts.Where(b => b.Geometry is { } g && g.Intersects(boxPolygon)).ToList();
    }
}
