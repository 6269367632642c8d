namespace SatDaemon.Database.Ingest;

/// <summary>Finds the zips of a data directory: every <c>*.zip</c> below <c>{data_dir}/T*/</c>, at any depth.</summary>
internal static class ZipScanner
{
    public static List<string> Find(string dataDir) => Find(dataDir, []);

    /// <summary>
    /// The zips, sorted; every folder that could not be read goes to <paramref name="unreadable"/> with the reason, so a
    /// folder of products the ingest cannot see is reported rather than passed over.
    /// </summary>
    public static List<string> Find(string dataDir, List<IngestRejection> unreadable)
    {
        if (!Directory.Exists(dataDir)) throw new DirectoryNotFoundException($"data directory {dataDir} does not exist");
        var zips = new List<string>();
        foreach (var track in Directory.EnumerateDirectories(dataDir, "T*", new EnumerationOptions { MatchCasing = MatchCasing.CaseSensitive }))
            Walk(track, zips, unreadable);
        // Sorted so that runs, progress and reports are reproducible.
        zips.Sort(StringComparer.Ordinal);
        return zips;
    }

    private static void Walk(string dir, List<string> zips, List<IngestRejection> unreadable)
    {
        // AttributesToSkip = None: dot-files count as hidden on Unix, and ._X.zip junk must be reported, not silently passed over.
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.None };
        List<string> files, subdirs;
        try
        {
            files = Directory.EnumerateFiles(dir, "*.zip", options).Select(Path.GetFullPath).ToList();
            // Links below a track folder are not followed (as .NET's own recursion does): a link loop cannot trap the scan.
            subdirs = Directory.EnumerateDirectories(dir, "*", options).Where(d => new DirectoryInfo(d).LinkTarget is null).ToList();
        }
        catch (UnauthorizedAccessException)
        {
            unreadable.Add(new IngestRejection(Path.GetFullPath(dir), "folder cannot be read (permission denied); its zips were not ingested"));
            return;
        }
        catch (IOException e)
        {
            unreadable.Add(new IngestRejection(Path.GetFullPath(dir), $"folder cannot be read ({e.GetType().Name}); its zips were not ingested"));
            return;
        }
        zips.AddRange(files);
        foreach (var sub in subdirs) Walk(sub, zips, unreadable);
    }

    /// <summary>The zip's name without <c>.zip</c>: the product id unless the zip was renamed.</summary>
    public static string Stem(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Why a path is junk that can be rejected without opening it, or null.</summary>
    public static string? JunkReason(string path)
    {
        // macOS copies leave AppleDouble files (._X.zip, __MACOSX/…) that carry a product's name but are no zip.
        var parts = path.Split(Path.DirectorySeparatorChar);
        if (parts.Contains("__MACOSX", StringComparer.Ordinal)) return "macOS metadata under __MACOSX, not a product";
        return Path.GetFileName(path).StartsWith("._", StringComparison.Ordinal) ? "macOS AppleDouble file (._ prefix), not a product" : null;
    }
}
