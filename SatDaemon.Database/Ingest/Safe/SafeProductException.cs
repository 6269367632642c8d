namespace SatDaemon.Database.Ingest.Safe;

/// <summary>
/// A zip that cannot be ingested as a Sentinel-1 SLC product. The message names the file and the
/// reason, so ingest tools can report it as-is and move on to the next file.
/// </summary>
public sealed class SafeProductException : Exception
{
    public SafeProductException(string filePath, string reason, Exception? inner = null)
        : base($"{filePath}: {reason}", inner)
    {
        FilePath = filePath;
        Reason = reason;
    }

    /// <summary>The zip that was being read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Reason { get; }
}
