using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Bursts;

/// <summary>
/// bursts export: outlines with their attributes as GeoJSON (written here with Utf8JsonWriter: RFC 7946, lon/lat,
/// one Feature per burst) or an ESRI shapefile (.shp, .shx, .dbf, .prj WGS84) by NetTopologySuite.IO.Esri.Shapefile,
/// the writer export-frames already uses. Bursts without an outline are left out of both and counted.
/// </summary>
public static class BurstExporter
{
    /// <summary>Attribute names; ten characters at most, so the shapefile's dBASE table keeps them whole.</summary>
    public static readonly IReadOnlyList<string> Attributes = ["id", "track", "direction", "swath", "anx_id", "esa_id"];

    /// <summary>The files a shapefile export writes beside <paramref name="shpPath"/>, .shp first.</summary>
    public static IReadOnlyList<string> ShapefileParts(string shpPath) =>
        new[] { ".shp", ".shx", ".dbf", ".prj" }.Select(ext => Path.ChangeExtension(shpPath, ext)).ToList();

    /// <summary>Writes the drawable bursts as a GeoJSON FeatureCollection; returns how many.</summary>
    public static async Task<int> WriteGeoJsonAsync(IReadOnlyList<Burst> bursts, string path, CancellationToken ct = default)
    {
        var drawable = Drawable(bursts).ToList();
        await using var stream = File.Create(path);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (var (b, polygon) in drawable)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteString("id", b.Id);
            json.WriteStartObject("properties");
            json.WriteString("id", b.Id);
            json.WriteNumber("track", b.Track);
            json.WriteString("direction", b.OrbitDirection);
            json.WriteString("swath", b.Swath);
            json.WriteNumber("anx_id", b.AnxId);
            if (b.EsaBurstId is { } esa) json.WriteNumber("esa_id", esa);
            else json.WriteNull("esa_id");
            json.WriteEndObject();
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            WriteRing(json, polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings) WriteRing(json, hole);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            // Flushed per feature: a continent of bursts need not sit in memory as JSON.
            if (json.BytesPending > 64 * 1024) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return drawable.Count;
    }

    /// <summary>Writes the drawable bursts as a polygon shapefile with a WGS84 .prj; returns how many.</summary>
    public static int WriteShapefile(IReadOnlyList<Burst> bursts, string shpPath)
    {
        var features = Drawable(bursts).Select(x => (IFeature)new Feature(x.Polygon, new AttributesTable
        {
            { "id", x.Burst.Id },
            { "track", x.Burst.Track },
            { "direction", x.Burst.OrbitDirection },
            { "swath", x.Burst.Swath },
            { "anx_id", x.Burst.AnxId },
            // dBASE has no null number; 0 is no ESA burst id (they start at 1).
            { "esa_id", x.Burst.EsaBurstId ?? 0 },
        })).ToList();
        Shapefile.WriteAllFeatures(features, shpPath, projection: Wgs84Prj);
        return features.Count;
    }

    private static IEnumerable<(Burst Burst, Polygon Polygon)> Drawable(IEnumerable<Burst> bursts) =>
        bursts.Where(b => b.Geometry is Polygon).Select(b => (b, (Polygon)b.Geometry!));

    // RFC 7946: [lon, lat] pairs; the ring closes on its first point, as NTS keeps it.
    private static void WriteRing(Utf8JsonWriter json, LineString ring)
    {
        json.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            json.WriteStartArray();
            json.WriteNumberValue(Math.Round(c.X, 7));
            json.WriteNumberValue(Math.Round(c.Y, 7));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    /// <summary>ESRI's WKT for WGS84 geographic coordinates, as ArcGIS and QGIS write it.</summary>
    public const string Wgs84Prj =
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

}
