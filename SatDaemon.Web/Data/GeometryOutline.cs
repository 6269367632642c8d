using NetTopologySuite.Geometries;

namespace SatDaemon.Web.Data;

/// <summary>Turns a (multi)polygon into plain [lon, lat] rings for JSON and SVG; holes are left out, as a map at console scale cannot show them.</summary>
internal static class GeometryOutline
{
    public static IReadOnlyList<IReadOnlyList<double[]>> Rings(Geometry? g)
    {
        if (g is null || g.IsEmpty) return [];
        var rings = new List<IReadOnlyList<double[]>>();
        for (var i = 0; i < g.NumGeometries; i++)
            if (g.GetGeometryN(i) is Polygon p)
                rings.Add(p.ExteriorRing.Coordinates.Select(c => new[] { Math.Round(c.X, 5), Math.Round(c.Y, 5) }).ToList());
        return rings;
    }
}
