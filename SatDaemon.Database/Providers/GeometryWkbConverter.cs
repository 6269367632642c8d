using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace SatDaemon.Database.Providers;

/// <summary>Stores geometry as WKB on SQLite, which has no spatial types; SRID 4326 is implied.</summary>
public sealed class GeometryWkbConverter() : ValueConverter<Geometry, byte[]>(g => ToWkb(g), b => FromWkb(b))
{
    private static byte[] ToWkb(Geometry g) => new WKBWriter().Write(g);

    private static Geometry FromWkb(byte[] bytes)
    {
        var g = new WKBReader().Read(bytes);
        g.SRID = 4326;
        return g;
    }
}
