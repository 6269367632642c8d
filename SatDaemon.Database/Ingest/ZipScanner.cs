namespace SatDaemon.Database.Ingest;

/// <summary>Finds the zips of a data directory: every <c>*.zip</c> below <c>{data_dir}/T*/</c>, at any depth.</summary>
internal static class ZipScanner
{
    public static List<string> Find(string dataDir)
    {
        if (!Directory.Exists(dataDir)) throw new DirectoryNotFoundException($"data directory {dataDir} does not exist");
        // AttributesToSkip = None: dot-files count as hidden on Unix, and ._X.zip junk must be reported, not silently passed over.
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None,
        };
        return Directory.EnumerateDirectories(dataDir, "T*", new EnumerationOptions { MatchCasing = MatchCasing.CaseSensitive })
            .SelectMany(d => Directory.EnumerateFiles(d, "*.zip", options))
            .Select(Path.GetFullPath)
            // Sorted so that runs, progress and reports are reproducible.
            .Order(StringComparer.Ordinal)
            .ToList();
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
