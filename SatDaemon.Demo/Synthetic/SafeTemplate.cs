using System.IO.Compression;
using SatDaemon.Database.Ingest.Safe;

namespace SatDaemon.Demo.Synthetic;

/// <summary>
/// The raw metadata of a real product (manifest and IW SLC annotations, every polarisation), used by
/// <see cref="SyntheticSafeWriter"/> as the pattern for synthetic products of other dates.
/// </summary>
/// <param name="SafeName">Product name of the template (the .SAFE folder without extension).</param>
/// <param name="ManifestXml">Text of <c>manifest.safe</c>.</param>
/// <param name="Annotations">Annotation file name (no directory) → XML text, per swath and polarisation.</param>
public sealed record SafeTemplate(string SafeName, string ManifestXml, IReadOnlyList<SafeTemplateAnnotation> Annotations)
{
    public static SafeTemplate Load(SafeProduct product) => Load(product.FilePath);

    public static SafeTemplate Load(string zipPath)
    {
        var fullPath = Path.GetFullPath(zipPath);
        using var zip = ZipFile.OpenRead(fullPath);
        var entries = zip.Entries
            .GroupBy(e => SafeZipLayout.Normalise(e.FullName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var layout = SafeZipLayout.Locate(entries.Keys, reason => new SafeProductException(fullPath, reason));
        var safeName = layout.SafeName ?? Path.GetFileNameWithoutExtension(fullPath);
        var annotations = layout.Annotations
            .OrderBy(a => a.EntryName, StringComparer.Ordinal)
            .Select(a => new SafeTemplateAnnotation(a.FileName, a.Swath, a.Polarisation, ReadText(entries[a.EntryName])))
            .ToList();
        return new SafeTemplate(safeName, ReadText(entries[layout.ManifestEntry]), annotations);
    }

    private static string ReadText(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
