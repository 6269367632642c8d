using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>
/// Reads a zipped Sentinel-1 IW SLC product: track, pass, ANX time and footprint from <c>manifest.safe</c>,
/// bursts from one annotation per swath. Only those few entries are decompressed (into memory), never the
/// measurement data, so a 4 GB product costs a few MB of reading. Every failure is a
/// <see cref="SafeProductException"/> naming the file and the reason.
/// </summary>
public static class SafeProductReader
{
    public static SafeProduct Read(string zipPath)
    {
        var fullPath = Path.GetFullPath(zipPath);
        return Guard(fullPath, () =>
        {
            using var zip = ZipFile.OpenRead(fullPath);
            var (entries, layout) = Locate(zip, fullPath);
            var manifest = Load(entries[layout.ManifestEntry], fullPath);
            var annotations = layout.OnePerSwath.Select(a => Inflate(entries[a.EntryName])).ToList();
            return SafeProductBuilder.Build(fullPath, layout, manifest, annotations);
        });
    }

    public static async Task<SafeProduct> ReadAsync(string zipPath, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(zipPath);
        return await GuardAsync(fullPath, async () =>
        {
            await using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read,
                bufferSize: 81920, useAsync: true);
            await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: false,
                entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
            var (entries, layout) = Locate(zip, fullPath);
            var manifest = await LoadAsync(entries[layout.ManifestEntry], fullPath, cancellationToken).ConfigureAwait(false);
            var annotations = new List<SafeProductBuilder.AnnotationBytes>();
            foreach (var annotation in layout.OnePerSwath)
                annotations.Add(await InflateAsync(entries[annotation.EntryName], cancellationToken).ConfigureAwait(false));
            return SafeProductBuilder.Build(fullPath, layout, manifest, annotations);
        }).ConfigureAwait(false);
    }

    private static (Dictionary<string, ZipArchiveEntry> Entries, SafeZipLayout Layout) Locate(ZipArchive zip, string path)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
            entries.TryAdd(SafeZipLayout.Normalise(entry.FullName), entry);
        return (entries, SafeZipLayout.Locate(entries.Keys, reason => new SafeProductException(path, reason)));
    }

    // Annotations are inflated whole (under 1 MB each) and parsed as a stream by SafeProductBuilder, in its order of checks.
    private static SafeProductBuilder.AnnotationBytes Inflate(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new MemoryStream(Capacity(entry));
        stream.CopyTo(buffer);
        return new SafeProductBuilder.AnnotationBytes(entry.FullName, buffer.GetBuffer(), (int)buffer.Length);
    }

    private static async Task<SafeProductBuilder.AnnotationBytes> InflateAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream(Capacity(entry));
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new SafeProductBuilder.AnnotationBytes(entry.FullName, buffer.GetBuffer(), (int)buffer.Length);
    }

    // The declared size presizes the buffer, bounded: a zip can declare anything.
    private static int Capacity(ZipArchiveEntry entry) => (int)Math.Clamp(entry.Length, 0, 16 << 20);

    private static XDocument Load(ZipArchiveEntry entry, string path)
    {
        using var stream = entry.Open();
        return ParseXml(entry, path, () => XDocument.Load(stream));
    }

    private static async Task<XDocument> LoadAsync(ZipArchiveEntry entry, string path, CancellationToken cancellationToken)
    {
        await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException e)
        {
            throw new SafeProductException(path, $"{entry.FullName} is not well-formed XML: {e.Message}", e);
        }
    }

    private static XDocument ParseXml(ZipArchiveEntry entry, string path, Func<XDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (XmlException e)
        {
            throw new SafeProductException(path, $"{entry.FullName} is not well-formed XML: {e.Message}", e);
        }
    }

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (Translate(path, e) is { } translated)
        {
            throw translated;
        }
    }

    private static async Task<T> GuardAsync<T>(string path, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(path, e) is { } translated)
        {
            throw translated;
        }
    }

    // Zip-level failures become SafeProductException; our own exceptions and cancellation pass through.
    private static SafeProductException? Translate(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => new SafeProductException(path, "file not found", e),
        InvalidDataException or EndOfStreamException =>
            new SafeProductException(path, $"not a readable zip archive (truncated or corrupt): {e.Message}", e),
        _ => null,
    };
}
