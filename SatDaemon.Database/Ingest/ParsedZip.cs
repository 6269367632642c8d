using SatDaemon.Database.Ingest.Safe;

namespace SatDaemon.Database.Ingest;

/// <summary>The outcome of reading one zip: a product, or the reason it cannot be ingested.</summary>
internal sealed record ParsedZip(string Path, SafeProduct? Product, string? Reason)
{
    public static async Task<ParsedZip> ReadAsync(string path, CancellationToken ct)
    {
        if (ZipScanner.JunkReason(path) is { } junk) return new ParsedZip(path, null, junk);
        try
        {
            return new ParsedZip(path, await SafeProductReader.ReadAsync(path, ct), null);
        }
        catch (SafeProductException e)
        {
            return new ParsedZip(path, null, e.Reason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One unreadable zip must not stop the others going in; the reason goes into the report.
            return new ParsedZip(path, null, $"cannot read: {e.GetType().Name}: {e.Message}");
        }
    }
}
