using System.Text;

namespace SatDaemon.Web.Svg;

/// <summary>
/// Natural Earth's land (see <see cref="NaturalEarth"/>) as one SVG path, even-odd so that lakes are holes. Rings
/// are cut to the box they are drawn in (in each copy 360° apart that meets it), so a ring across ±180° draws as a
/// part at each edge of a world map and never as a band across it.
/// </summary>
internal static class LandLayer
{
    /// <summary>How many rings the shipped file holds (outer coasts and lakes).</summary>
    public static int RingCount => NaturalEarth.Land.Count;

    /// <summary>The path data of the land inside <paramref name="box"/>; empty when no land is in it.</summary>
    public static string PathData(GeoBox box, MapProjection p, double tolerance)
    {
        var d = new StringBuilder();
        foreach (var ring in NaturalEarth.Land)
            foreach (var (lon, lat) in GeoClip.Polygon(ring, box))
                p.AppendPath(d, lon, lat, tolerance, close: true);
        return d.ToString();
    }
}
