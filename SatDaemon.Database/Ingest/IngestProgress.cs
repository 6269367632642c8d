namespace SatDaemon.Database.Ingest;

/// <summary>How far an ingest run is: <paramref name="Done"/> of <paramref name="Total"/> zips handled, the last one named.</summary>
/// <param name="Done">Zips handled so far (added, already known or rejected).</param>
/// <param name="Total">Zips found under the data directory.</param>
/// <param name="FileName">File name of the zip handled last; empty before the first.</param>
public sealed record IngestProgress(int Done, int Total, string FileName);
