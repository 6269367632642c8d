using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Model;

/// <summary>One IW burst, id {TRACK}_{ANXID}_{SWATH}.</summary>
public class Burst
{
    public required string Id { get; set; }
    public int Track { get; set; }
    public required string OrbitDirection { get; set; }
    public required string Swath { get; set; }
    public int AnxId { get; set; }
    /// <summary>ESA's burst id (annotation burstId, or computed from timing).</summary>
    public int? EsaBurstId { get; set; }
    public Geometry? Geometry { get; set; }
}
