namespace SatDaemon.Database.Ingest;

/// <summary>Another ingest holds the database's ingest lock; the message names it where the database could tell.</summary>
public sealed class IngestLockHeldException(string database, string? holder) : Exception(Describe(database, holder) + "; try again later or use --wait")
{
    /// <summary>Host and pid (and start) of the holder, when known.</summary>
    public string? Holder { get; } = holder;

    /// <summary>Who is in the way, without the advice: "another ingest-files is running against DB: HOST pid N since …".</summary>
    public string Situation { get; } = Describe(database, holder);

    private static string Describe(string database, string? holder) =>
        $"another ingest-files is running against {database}" + (holder is null ? "" : ": " + holder);
}
