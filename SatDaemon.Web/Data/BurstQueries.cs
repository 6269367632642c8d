using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Model;

namespace SatDaemon.Web.Data;

/// <summary>Bursts for the bursts map and /api/bursts, filtered by track and swath.</summary>
public sealed class BurstQueries(SatDbFactory factory)
{
    public async Task<IReadOnlyList<BurstView>> ListAsync(int? track, string? swath, CancellationToken ct)
    {
        await using var db = factory.Create();
        IQueryable<Burst> q = db.Bursts.AsNoTracking();
        if (track is { } t) q = q.Where(b => b.Track == t);
        if (!string.IsNullOrEmpty(swath)) q = q.Where(b => b.Swath == swath);
        return (await q.OrderBy(b => b.Track).ThenBy(b => b.AnxId).ThenBy(b => b.Swath).ToListAsync(ct)).Select(View).ToList();
    }

    internal static BurstView View(Burst b) =>
        new(b.Id, b.Track, b.OrbitDirection, b.Swath, b.AnxId, b.EsaBurstId, GeometryOutline.Rings(b.Geometry));
}
