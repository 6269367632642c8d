using System.Globalization;
using NetTopologySuite.Geometries;
using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Database;

/// <summary>Three bursts: two overlapping ones of track 132 ascending and a far one of track 81 descending.</summary>
internal static class TestBursts
{
    private static readonly GeometryFactory Geo = new(new PrecisionModel(), 4326);

    public const string First = "132_8603_IW1";
    public const string Second = "132_8630_IW1";
    public const string OtherTrack = "81_1000_IW2";

    /// <summary>Lon/lat boxes (x0, y0, x1, y1); the first two overlap between y 0.9 and 1.</summary>
    public static readonly IReadOnlyDictionary<string, (double X0, double Y0, double X1, double Y1)> Boxes = new Dictionary<string, (double, double, double, double)>
    {
        [First] = (10, 50, 11, 51),
        [Second] = (10, 50.9, 11, 52),
        [OtherTrack] = (100, -30, 101, -29),
    };

    public static Polygon Box(string id)
    {
        var (x0, y0, x1, y1) = Boxes[id];
        return Geo.CreatePolygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);
    }

    public static Burst Burst(string id) => new()
    {
        Id = id,
        Track = int.Parse(id.Split('_')[0], CultureInfo.InvariantCulture),
        OrbitDirection = id.StartsWith("132", StringComparison.Ordinal) ? "A" : "D",
        Swath = id.Split('_')[2],
        AnxId = int.Parse(id.Split('_')[1], CultureInfo.InvariantCulture),
        Geometry = Box(id),
    };

    public static Point Point(double x, double y) => Geo.CreatePoint(new Coordinate(x, y));

    /// <summary>A GeoJSON FeatureCollection of the given bursts (default: all three).</summary>
    public static string GeoJson(params string[] ids) =>
        Collection((ids.Length == 0 ? Boxes.Keys.ToArray() : ids).Select(id => Feature(Box(id), $$"""
            "id": "{{id}}", "orbit_direction": "{{Burst(id).OrbitDirection}}", "esa_burst_id": {{280000 + Burst(id).AnxId}}
            """)));

    /// <summary>A FeatureCollection of frames: (frame id, comma-separated burst ids); geometry null as init-database ignores it.</summary>
    public static string FramesGeoJson(params (string Id, string Bursts)[] frames) =>
        Collection(frames.Select(f => $$$"""{"type": "Feature", "geometry": null, "properties": {"id": "{{{f.Id}}}", "bursts": "{{{f.Bursts}}}", "priority": 5, "proc_level": "full"}}"""));

    public static string Feature(Polygon p, string properties) =>
        $$$"""{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[{{{string.Join(", ", p.Coordinates.Select(c => FormattableString.Invariant($"[{c.X}, {c.Y}]")))}}}]]}, "properties": { {{{properties}}} }}""";

    public static string Collection(IEnumerable<string> features) =>
        $$"""{"type": "FeatureCollection", "features": [{{string.Join(",\n", features)}}]}""";
}
