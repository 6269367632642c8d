using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>One IW burst of a product, as read from the swath annotation.</summary>
/// <param name="Swath">IW1, IW2 or IW3.</param>
/// <param name="Index">Position in the annotation's burst list, from 0.</param>
/// <param name="AzimuthTime">Burst start (<c>swathTiming/burstList/burst/azimuthTime</c>), UTC.</param>
/// <param name="AnxId">Tenths of a second from the ascending node to <see cref="AzimuthTime"/>, rounded.</param>
/// <param name="BurstId">Our id, <c>{track}_{anxid}_{swath}</c>, e.g. <c>132_8603_IW1</c>.</param>
/// <param name="AnnotatedEsaBurstId">ESA burst id from the annotation; only products from newer IPF versions carry it.</param>
/// <param name="ComputedEsaBurstId">ESA burst id computed from the burst mid time, see <see cref="EsaBurstId"/>.</param>
/// <param name="Footprint">Burst outline from the geolocation grid, SRID 4326 (x = lon, y = lat).</param>
public sealed record SafeBurst(
    string Swath,
    int Index,
    DateTime AzimuthTime,
    int AnxId,
    string BurstId,
    int? AnnotatedEsaBurstId,
    int ComputedEsaBurstId,
    Polygon Footprint)
{
    /// <summary>ESA's burst id: the annotated value where present, the computed one otherwise.</summary>
    public int EsaBurstId => AnnotatedEsaBurstId ?? ComputedEsaBurstId;
}
