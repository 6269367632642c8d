using SatDaemon.Database;
using SatDaemon.Database.Bursts;
using SatDaemon.Database.Model;

namespace SatDaemon.Web.Data;

/// <summary>Bursts for the bursts map and /api/bursts, filtered by track and swath.</summary>
public sealed class BurstQueries(SatDbFactory factory)
{
    // The query is BurstCatalog's, shared with `satdaemon-tools bursts list|export`.
    public async Task<IReadOnlyList<BurstView>> ListAsync(int? track, string? swath, CancellationToken ct) =>
        (await new BurstCatalog(factory).ListAsync(new BurstFilter(track, string.IsNullOrEmpty(swath) ? null : swath), ct)).Select(View).ToList();

    internal static BurstView View(Burst b) =>
        new(b.Id, b.Track, b.OrbitDirection, b.Swath, b.AnxId, b.EsaBurstId, GeometryOutline.Rings(b.Geometry));
}
