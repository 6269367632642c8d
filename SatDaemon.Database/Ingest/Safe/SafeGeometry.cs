using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>Polygons in WGS84 (SRID 4326, x = longitude, y = latitude) for product and burst footprints.</summary>
internal static class SafeGeometry
{
    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    /// <summary>
    /// A polygon through the given corners, closed, with a counter-clockwise shell (the OGC/GeoJSON
    /// convention) whatever order the source listed them in, so all our footprints compare alike.
    /// </summary>
    public static Polygon Polygon(IReadOnlyList<Coordinate> corners)
    {
        if (corners.Count < 3)
            throw new ArgumentException("a polygon needs at least three corners", nameof(corners));
        var ring = corners.Select(c => c.Copy()).ToList();
        if (!ring[0].Equals2D(ring[^1]))
            ring.Add(ring[0].Copy());
        var coordinates = ring.ToArray();
        if (!Orientation.IsCCW(coordinates))
            Array.Reverse(coordinates);
        return Factory.CreatePolygon(coordinates);
    }

    /// <summary>Parses gml:coordinates as written in manifest.safe: "lat,lon lat,lon ...".</summary>
    public static bool TryParseLatLonList(string text, out List<Coordinate> corners)
    {
        corners = [];
        foreach (var pair in text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || Math.Abs(lat) > 90 || Math.Abs(lon) > 180)
                return false;
            corners.Add(new Coordinate(lon, lat));
        }

        return corners.Count >= 3;
    }

    /// <summary>The inverse of <see cref="TryParseLatLonList"/>: an open ring as "lat,lon lat,lon ...".</summary>
    public static string ToLatLonList(Polygon polygon)
    {
        var shell = polygon.Shell.Coordinates;
        return string.Join(' ', shell.Take(shell.Length - 1)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Y:F6},{c.X:F6}")));
    }
}
