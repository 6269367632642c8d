namespace SatDaemon.Web.Svg;

/// <summary>
/// A ring or line in degrees whose longitudes run on without a jump: where the source steps across ±180° (179.9 →
/// −179.9), the following longitudes carry on past 180 (180.1) instead. Drawn as stored, such a ring would cross the
/// whole map; unwrapped, it is one compact shape that a map clips or shifts by 360° (see <see cref="GeoClip"/>).
/// </summary>
internal sealed class GeoRing
{
    private GeoRing(double[] lon, double[] lat)
    {
        Lon = lon;
        Lat = lat;
        (X0, X1, Y0, Y1) = (lon.Min(), lon.Max(), lat.Min(), lat.Max());
    }

    public double[] Lon { get; }
    public double[] Lat { get; }
    public double X0 { get; }
    public double X1 { get; }
    public double Y0 { get; }
    public double Y1 { get; }
    public double CentreLon => (X0 + X1) / 2;

    /// <summary>
    /// A polygon ring, unwrapped. A ring that goes once around a pole (Antarctica as Natural Earth stores it) ends
    /// 360° from where it started; it is closed along the pole's parallel, so that it fills towards the pole.
    /// </summary>
    public static GeoRing Polygon(IReadOnlyList<double> lon, IReadOnlyList<double> lat)
    {
        var (x, y) = Unwrap(lon, lat);
        var drift = x[^1] - x[0];
        if (Math.Abs(drift) > 180 && x.Count > 2)
        {
            var pole = y.Average() < 0 ? -90.0 : 90.0;
            x.Add(x[^1]); y.Add(pole);
            x.Add(x[0]); y.Add(pole);
        }
        return new GeoRing([.. x], [.. y]);
    }

    /// <summary>An open line (a border), unwrapped.</summary>
    public static GeoRing Line(IReadOnlyList<double> lon, IReadOnlyList<double> lat)
    {
        var (x, y) = Unwrap(lon, lat);
        return new GeoRing([.. x], [.. y]);
    }

    /// <summary>The ring moved by whole turns so that its centre lies within 180° of <paramref name="lon"/>.</summary>
    public double ShiftNear(double lon) => Math.Round((lon - CentreLon) / 360) * 360;

    private static (List<double>, List<double>) Unwrap(IReadOnlyList<double> lon, IReadOnlyList<double> lat)
    {
        var x = new List<double>(lon.Count);
        var y = new List<double>(lat.Count);
        double offset = 0;
        for (var i = 0; i < lon.Count; i++)
        {
            if (i > 0)
            {
                var step = lon[i] + offset - x[^1];
                if (step > 180) offset -= 360;
                else if (step < -180) offset += 360;
            }
            x.Add(lon[i] + offset);
            y.Add(lat[i]);
        }
        return (x, y);
    }
}
