namespace SatDaemon.Web.Data;

/// <summary>A burst with its outline, for the bursts map and a frame's map.</summary>
public sealed record BurstView(string Id, int Track, string OrbitDirection, string Swath, int AnxId, int? EsaBurstId,
    IReadOnlyList<IReadOnlyList<double[]>> Outline);
