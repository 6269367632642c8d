using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Model;

/// <summary>One zipped SLC product (table files); id is the product name without .zip.</summary>
public class SlcFile
{
    public required string Id { get; set; }
    public required string Abspath { get; set; }
    public required string Mission { get; set; }
    public int Track { get; set; }
    public required string OrbitDirection { get; set; }
    public DateTime StartTime { get; set; }
    public DateTime StopTime { get; set; }
    public DateOnly Date { get; set; }
    public int AbsoluteOrbit { get; set; }
    public DateTime AnxTime { get; set; }
    public Geometry? Footprint { get; set; }
    public DateTime LastUpdated { get; set; }
}
