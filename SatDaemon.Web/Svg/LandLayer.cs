using System.Globalization;
using System.Reflection;
using System.Text;

namespace SatDaemon.Web.Svg;

/// <summary>
/// Natural Earth's 1:50m land polygons (public domain, version 4.1.0), shipped inside the assembly as
/// <c>ne_50m_land.rings</c> (made once by scripts/natural-earth-land.py), so a map shows coastlines with no internet
/// access. Only rings whose bounding box meets the view are drawn, and a point is written only when it moves at least
/// a pixel, so a frame map carries a few kB of coastline and the world map well under the payload budget.
/// </summary>
internal static class LandLayer
{
    private const string ResourceName = "SatDaemon.Web.Svg.ne_50m_land.rings";
    private static readonly Lazy<IReadOnlyList<LandRing>> Rings = new(Load);

    /// <summary>How many rings the shipped file holds (outer coasts and lakes).</summary>
    public static int RingCount => Rings.Value.Count;

    /// <summary>
    /// One SVG path (even-odd fill, so lakes are holes) of the land inside the view [x0,x1]×[y0,y1] in degrees,
    /// projected by <paramref name="x"/> and <paramref name="y"/> to pixels; empty when no land is in view.
    /// </summary>
    public static string PathData(double x0, double y0, double x1, double y1, Func<double, double> x, Func<double, double> y)
    {
        // Points far outside the view are pulled to a margin around it: the fill inside the view is unchanged for
        // the short edges of 1:50m data, and runs of outside points collapse into one.
        var (px0, px1) = (Math.Min(x(x0), x(x1)), Math.Max(x(x0), x(x1)));
        var (py0, py1) = (Math.Min(y(y0), y(y1)), Math.Max(y(y0), y(y1)));
        var margin = Math.Max(px1 - px0, py1 - py0) * 0.05 + 2;
        var d = new StringBuilder();
        foreach (var ring in Rings.Value)
        {
            if (ring.X1 < x0 || ring.X0 > x1 || ring.Y1 < y0 || ring.Y0 > y1) continue;
            var start = d.Length;
            var written = 0;
            double lastX = double.NaN, lastY = double.NaN;
            for (var i = 0; i < ring.Lon.Length; i++)
            {
                var sx = Math.Clamp(x(ring.Lon[i]), px0 - margin, px1 + margin);
                var sy = Math.Clamp(y(ring.Lat[i]), py0 - margin, py1 + margin);
                if (written > 0 && Math.Abs(sx - lastX) + Math.Abs(sy - lastY) < 1) continue;
                d.Append(written == 0 ? 'M' : 'L').Append(R(sx)).Append(',').Append(R(sy));
                (lastX, lastY) = (sx, sy);
                written++;
            }
            if (written >= 3) d.Append('Z');
            else d.Length = start; // a speck smaller than a pixel
        }
        return d.ToString();
    }

    private static IReadOnlyList<LandRing> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing from the build");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var rings = new List<LandRing>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var words = line.Split(' ');
            var lon = new double[words.Length];
            var lat = new double[words.Length];
            for (var i = 0; i < words.Length; i++)
            {
                var comma = words[i].IndexOf(',');
                lon[i] = double.Parse(words[i].AsSpan(0, comma), CultureInfo.InvariantCulture);
                lat[i] = double.Parse(words[i].AsSpan(comma + 1), CultureInfo.InvariantCulture);
            }
            rings.Add(new LandRing(lon, lat, lon.Min(), lat.Min(), lon.Max(), lat.Max()));
        }
        return rings;
    }

    private static string R(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record LandRing(double[] Lon, double[] Lat, double X0, double Y0, double X1, double Y1);
}
