using System.Text.RegularExpressions;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>
/// Where the SAFE parts sit inside a zip. Products arrive zipped by different tools: the .SAFE folder may
/// be at the root or below a prefix (e.g. <c>safe/X.SAFE/</c>), and macOS archivers add <c>__MACOSX/</c>,
/// <c>.DS_Store</c> and <c>._*</c> junk that must not be mistaken for product files.
/// </summary>
internal sealed partial record SafeZipLayout(
    string ManifestEntry,
    string SafeDirectory,
    string? SafeName,
    IReadOnlyList<SafeZipLayout.Annotation> Annotations)
{
    /// <param name="EntryName">Full entry name in the zip.</param>
    /// <param name="Swath">Upper case, e.g. IW1.</param>
    /// <param name="Polarisation">Upper case, e.g. VV.</param>
    internal sealed record Annotation(string EntryName, string Swath, string Polarisation)
    {
        public string FileName => EntryName[(EntryName.LastIndexOf('/') + 1)..];
    }

    // VV first: it is the co-polarised channel of the common DV products; bursts are identical across
    // polarisations, so any one will do, but a fixed preference keeps results reproducible.
    private static readonly string[] PolarisationPreference = ["VV", "HH", "VH", "HV"];

    /// <summary>One annotation per swath (see <see cref="PolarisationPreference"/>), ordered by swath.</summary>
    public IReadOnlyList<Annotation> OnePerSwath =>
        Annotations.GroupBy(a => a.Swath)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(a => PolarisationRank(a.Polarisation)).ThenBy(a => a.EntryName, StringComparer.Ordinal).First())
            .ToList();

    public static SafeZipLayout Locate(IEnumerable<string> entryNames, Func<string, SafeProductException> fail)
    {
        var names = entryNames.Where(n => !IsJunk(n)).ToList();
        var manifests = names.Where(n => FileName(n) == "manifest.safe").ToList();
        if (manifests.Count == 0)
            throw fail("no manifest.safe in the zip");
        if (manifests.Count > 1)
            throw fail($"{manifests.Count} manifest.safe entries in the zip ({string.Join(", ", manifests)})");

        var manifest = manifests[0];
        var safeDirectory = manifest[..^"manifest.safe".Length];
        var folder = safeDirectory.TrimEnd('/');
        folder = folder[(folder.LastIndexOf('/') + 1)..];
        var safeName = folder.EndsWith(".SAFE", StringComparison.OrdinalIgnoreCase) ? folder[..^".SAFE".Length] : null;

        // Only direct children of <SAFE>/annotation/: calibration/ and rfi/ hold other XML with similar names.
        var annotationDirectory = safeDirectory + "annotation/";
        var annotations = new List<Annotation>();
        foreach (var name in names)
        {
            if (!name.StartsWith(annotationDirectory, StringComparison.Ordinal)
                || name.IndexOf('/', annotationDirectory.Length) >= 0)
                continue;
            var m = AnnotationPattern().Match(FileName(name));
            if (m.Success)
                annotations.Add(new Annotation(name, m.Groups["swath"].Value.ToUpperInvariant(), m.Groups["pol"].Value.ToUpperInvariant()));
        }

        return new SafeZipLayout(manifest, safeDirectory, safeName, annotations);
    }

    /// <summary>Entry names normalised to forward slashes (some Windows zippers write backslashes).</summary>
    public static string Normalise(string entryName) => entryName.Replace('\\', '/');

    private static bool IsJunk(string name)
    {
        var segments = name.Split('/');
        var file = segments[^1];
        return segments.Contains("__MACOSX") || file == ".DS_Store" || file.StartsWith("._", StringComparison.Ordinal);
    }

    private static string FileName(string name) => name[(name.LastIndexOf('/') + 1)..];

    private static int PolarisationRank(string polarisation)
    {
        var rank = Array.IndexOf(PolarisationPreference, polarisation);
        return rank < 0 ? PolarisationPreference.Length : rank;
    }

    [GeneratedRegex("^s1[a-d]-(?<swath>iw[1-3])-slc-(?<pol>vv|vh|hh|hv)-.*\\.xml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnnotationPattern();
}
