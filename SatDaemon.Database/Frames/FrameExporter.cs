using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Frames;

/// <summary>export-frames: frames with their attributes as GeoJSON (.geojson/.json) or an ESRI shapefile (.shp).</summary>
public static class FrameExporter
{
    /// <summary>Attribute names; ten characters at most, so the shapefile's dBASE table keeps them whole.</summary>
    public static readonly IReadOnlyList<string> Attributes = ["id", "track", "direction", "priority", "proc_level", "master", "ifg_rows", "ifg_done"];

    /// <summary>True when <paramref name="path"/> has an extension this exporter writes.</summary>
    public static bool Supports(string path) => Path.GetExtension(path).ToLowerInvariant() is ".geojson" or ".json" or ".shp";

    /// <summary>Writes the frames; returns how many were written.</summary>
    /// <exception cref="ArgumentException">The extension is not .geojson, .json or .shp.</exception>
    public static async Task<int> WriteAsync(IReadOnlyList<FrameSummary> frames, string path, CancellationToken ct = default)
    {
        var features = frames.Select(ToFeature).ToList();
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".geojson" or ".json":
                await using (var stream = File.Create(path))
                {
                    var json = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() }, WriteIndented = true };
                    await JsonSerializer.SerializeAsync(stream, Collection(features), json, ct);
                }
                return features.Count;
            case ".shp":
                // A shapefile holds one shape type: every frame is written as a multipolygon; frames without
                // geometry (no burst outlines known) cannot be drawn and are left out.
                var drawable = features.Where(f => f.Geometry is Polygon or MultiPolygon).Select(AsMultiPolygon).ToList();
                Shapefile.WriteAllFeatures(drawable, path, projection: Wgs84Prj);
                return drawable.Count;
            default:
                throw new ArgumentException($"export-frames writes .geojson, .json or .shp, not '{Path.GetExtension(path)}' ({path})", nameof(path));
        }
    }

    private static IFeature ToFeature(FrameSummary f) => new Feature(f.Geometry, new AttributesTable
    {
        { "id", f.Id },
        { "track", f.Track },
        { "direction", f.OrbitDirection },
        { "priority", f.Priority },
        { "proc_level", f.ProcLevel.ToName() },
        // A string rather than a date: empty when no master, and dBASE and GeoJSON read it back alike.
        { "master", f.MasterDate?.ToString("yyyy-MM-dd") ?? "" },
        { "ifg_rows", f.IfgRows },
        { "ifg_done", f.IfgComplete },
    });

    private static FeatureCollection Collection(IEnumerable<IFeature> features)
    {
        var collection = new FeatureCollection();
        foreach (var f in features) collection.Add(f);
        return collection;
    }

    private static IFeature AsMultiPolygon(IFeature f)
    {
        if (f.Geometry is Polygon p) f.Geometry = p.Factory.CreateMultiPolygon([p]);
        return f;
    }

    private const string Wgs84Prj =
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
}
