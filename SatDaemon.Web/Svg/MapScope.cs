namespace SatDaemon.Web.Svg;

/// <summary>What a map spans when zoomed all the way out.</summary>
public enum MapScope
{
    /// <summary>The world, −180…180: shapes across the antimeridian are cut into a part at each edge.</summary>
    World,

    /// <summary>A region around the shapes (a frame and its bursts), drawn whole even across the antimeridian.</summary>
    Local,
}
