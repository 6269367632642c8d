using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetTopologySuite.Geometries;
using SatDaemon.Database.Ingest.Safe;

namespace SatDaemon.Demo.Synthetic;

/// <summary>
/// Writes small synthetic Sentinel-1 SLC zips (manifest + annotations only, no measurement data) for other
/// acquisition dates of a real product's track: times moved by whole 12-day cycles, orbit numbers moved by
/// 175 per cycle, optionally fewer swaths or bursts to make partially covered dates. Used by tests and the demo.
/// </summary>
public static partial class SyntheticSafeWriter
{
    public static string Write(SafeProduct template, string outputDirectory, SyntheticSafeOptions options) =>
        Write(SafeTemplate.Load(template), outputDirectory, options);

    /// <summary>Writes <c>{outputDirectory}/{new product id}.zip</c> and returns its path.</summary>
    public static string Write(SafeTemplate template, string outputDirectory, SyntheticSafeOptions options)
    {
        var shift = new SafeTimeShift(options.CycleShift);
        var name = shift.Shift(S1ProductName.Parse(template.SafeName));
        if (options.UniqueId is { } unique) name = name with { UniqueId = unique };

        var annotations = template.Annotations
            .Where(a => options.Swaths is null || options.Swaths.Contains(a.Swath, StringComparer.OrdinalIgnoreCase))
            .Select(a => (FileName: shift.ShiftFileName(a.FileName), Xml: ShiftAnnotation(a.Xml, shift, options)))
            .ToList();
        if (annotations.Count == 0)
            throw new ArgumentException($"none of the swaths {string.Join(", ", options.Swaths ?? [])} is in {template.SafeName}", nameof(options));

        var manifest = shift.ShiftXml(template.ManifestXml);
        if (options.AscendingNodeOffset != TimeSpan.Zero)
            manifest = WithAscendingNodeOffset(manifest, options.AscendingNodeOffset);
        if (options.Swaths is not null || options.SubsetsBursts)
            manifest = WithFootprint(manifest, Footprint(annotations.Select(a => a.Xml)));

        Directory.CreateDirectory(outputDirectory);
        var safeDirectory = (options.SafePrefix ? "safe/" : "") + name.Id + ".SAFE/";
        var path = Path.Combine(outputDirectory, name.Id + ".zip");
        // Written under a temporary name and moved, so a scanner of the directory never sees half a zip.
        var partial = Path.Combine(outputDirectory, "." + name.Id + ".zip.partial");
        using (var zip = ZipFile.Open(partial, ZipArchiveMode.Create))
        {
            AddText(zip, safeDirectory + "manifest.safe", manifest);
            foreach (var (fileName, xml) in annotations)
                AddText(zip, safeDirectory + "annotation/" + fileName, xml);
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static string ShiftAnnotation(string xml, SafeTimeShift shift, SyntheticSafeOptions options)
    {
        var shifted = shift.ShiftXml(xml);
        return options.SubsetsBursts ? AnnotationBurstSubset.Apply(shifted, options.FirstBurst, options.BurstCount) : shifted;
    }

    // The manifest footprint of a cut-down product must shrink with it, or coverage checks would be fooled.
    private static Polygon Footprint(IEnumerable<string> annotationXml)
    {
        var outlines = new List<Geometry>();
        foreach (var xml in annotationXml)
        {
            var swath = SwathAnnotation.Parse(XDocument.Parse(xml), reason => new SafeProductException("(synthetic)", reason));
            for (var k = 0; k < swath.Bursts.Count; k++)
            {
                if (swath.Grid.Outline(k * swath.LinesPerBurst, (k + 1) * swath.LinesPerBurst) is { } outline)
                    outlines.Add(outline);
            }
        }

        var hull = SafeGeometry.Factory.BuildGeometry(outlines).ConvexHull();
        return hull as Polygon ?? throw new InvalidOperationException("kept bursts have no area");
    }

    private static string WithFootprint(string manifest, Polygon footprint) =>
        Coordinates().Replace(manifest, m => m.Groups["open"].Value + SafeGeometry.ToLatLonList(footprint) + m.Groups["close"].Value, 1);

    private static string WithAscendingNodeOffset(string manifest, TimeSpan offset) =>
        AscendingNodeTime().Replace(manifest, m =>
        {
            var t = DateTime.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            return m.Groups["open"].Value + t.Add(offset).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + m.Groups["close"].Value;
        }, 1);

    private static void AddText(ZipArchive zip, string entryName, string text)
    {
        var entry = zip.CreateEntry(entryName, CompressionLevel.SmallestSize);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        stream.Write(bytes);
    }

    [GeneratedRegex(@"(?<open><(?:\w+:)?ascendingNodeTime\b[^>]*>)(?<t>[^<]+)(?<close></(?:\w+:)?ascendingNodeTime>)")]
    private static partial Regex AscendingNodeTime();

    [GeneratedRegex(@"(?<open><(?:\w+:)?coordinates\b[^>]*>)[^<]*(?<close></(?:\w+:)?coordinates>)")]
    private static partial Regex Coordinates();
}
