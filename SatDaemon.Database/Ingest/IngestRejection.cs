namespace SatDaemon.Database.Ingest;

/// <summary>A zip that was not ingested, and why (the reason never includes the path).</summary>
public sealed record IngestRejection(string FilePath, string Reason);
