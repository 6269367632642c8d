using System.Globalization;
using System.Text;

namespace SatDaemon.Web.Svg;

/// <summary>
/// Equirectangular degrees → SVG user units, fitted to a view <see cref="Width"/> units wide, x stretched by
/// cos(mean latitude) so that mid-latitude frames keep their shape. Everything else the map holds (the land around,
/// the world when zoomed out) is drawn in the same units, so the script zooms by changing the viewBox alone.
/// </summary>
internal sealed class MapProjection
{
    public const double Width = 900;
    private const double MinHeight = 120;

    public MapProjection(GeoBox view)
    {
        Kx = Math.Cos((view.Y0 + view.Y1) / 2 * Math.PI / 180);
        Scale = Width / (view.Width * Kx);
        // A flat view (an east-west strip of frames) is grown north and south to a usable height, keeping its centre.
        var grow = Math.Max(0, MinHeight / Scale - view.Height) / 2;
        View = view with { Y0 = view.Y0 - grow, Y1 = view.Y1 + grow };
        Height = View.Height * Scale;
    }

    /// <summary>A map's projection as its data-geo gives it back (<see cref="Geo"/>), to draw more of that map in its units.</summary>
    public MapProjection(double lon0, double lat0, double kx, double scale)
    {
        (Kx, Scale) = (kx, scale);
        View = new GeoBox(lon0, lat0 - MinHeight / scale, lon0 + Width / (kx * scale), lat0);
        Height = MinHeight;
    }

    /// <summary>"lon at x=0, lat at y=0, kx, scale": what the map script sends back to ask for detail (GET /map/detail).</summary>
    public string Geo => string.Join(' ', new[] { View.X0, View.Y1, Kx, Scale }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    public double Lon(double x) => View.X0 + x / (Kx * Scale);
    public double Lat(double y) => View.Y1 - y / Scale;

    /// <summary>What the map shows when it opens: user units 0…Width × 0…Height.</summary>
    public GeoBox View { get; }
    public double Height { get; }
    public double Kx { get; }

    /// <summary>User units per degree of latitude.</summary>
    public double Scale { get; }

    public double X(double lon) => (lon - View.X0) * Kx * Scale;
    public double Y(double lat) => (View.Y1 - lat) * Scale;

    /// <summary>"x y w h" of a box, for viewBox-like attributes.</summary>
    public string Rect(GeoBox b) => $"{R(X(b.X0))} {R(Y(b.Y1))} {R(X(b.X1) - X(b.X0))} {R(Y(b.Y0) - Y(b.Y1))}";

    /// <summary>
    /// Appends one subpath per ring or line ("M x,y L x,y … [Z]"); a point is written only when it moves at least
    /// <paramref name="tolerance"/> units from the last one written, so a coastline costs what the eye can see.
    /// </summary>
    public void AppendPath(StringBuilder d, double[] lon, double[] lat, double tolerance, bool close)
    {
        var start = d.Length;
        var written = 0;
        // Where a point is dropped unless it moves two units or more, a tenth of a unit is noise: whole units are written.
        var format = tolerance >= 2 ? "0" : "0.#";
        double lastX = double.NaN, lastY = double.NaN;
        for (var i = 0; i < lon.Length; i++)
        {
            var (x, y) = (X(lon[i]), Y(lat[i]));
            var last = i == lon.Length - 1;
            if (written > 0 && Math.Abs(x - lastX) + Math.Abs(y - lastY) < tolerance && !(last && !close)) continue;
            d.Append(written == 0 ? 'M' : 'L').Append(x.ToString(format, CultureInfo.InvariantCulture)).Append(',').Append(y.ToString(format, CultureInfo.InvariantCulture));
            (lastX, lastY) = (x, y);
            written++;
        }
        if (close && written >= 3) d.Append('Z');
        else if (written < 2) d.Length = start; // a speck smaller than the tolerance
    }

    public static string R(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
