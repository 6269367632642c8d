namespace SatDaemon.Web.Svg;

/// <summary>A box in degrees: longitudes may run past ±180 (a view centred on the antimeridian spans 170…190).</summary>
internal readonly record struct GeoBox(double X0, double Y0, double X1, double Y1)
{
    public double Width => X1 - X0;
    public double Height => Y1 - Y0;
    public double CentreLon => (X0 + X1) / 2;

    public bool Meets(double x0, double y0, double x1, double y1) => x1 >= X0 && x0 <= X1 && y1 >= Y0 && y0 <= Y1;

    /// <summary>The box grown by <paramref name="factor"/> times its size on each side, within <paramref name="limit"/>.</summary>
    public GeoBox Grow(double factor, GeoBox limit) => new(
        Math.Max(limit.X0, X0 - Width * factor), Math.Max(limit.Y0, Y0 - Height * factor),
        Math.Min(limit.X1, X1 + Width * factor), Math.Min(limit.Y1, Y1 + Height * factor));
}

/// <summary>
/// Cuts unwrapped rings to a box on the map, in every copy 360° apart that meets it. On a world map running −180…180
/// a ring across the antimeridian thus becomes two parts, one at each edge, and no edge of it crosses the map.
/// </summary>
internal static class GeoClip
{
    private static readonly double[] Turns = [-360, 0, 360];

    /// <summary>Each copy of the polygon ring inside the box (Sutherland–Hodgman: exact for the box's four sides).</summary>
    public static IEnumerable<(double[] Lon, double[] Lat)> Polygon(GeoRing ring, GeoBox box)
    {
        foreach (var turn in Turns)
        {
            if (!box.Meets(ring.X0 + turn, ring.Y0, ring.X1 + turn, ring.Y1)) continue;
            var pts = new List<(double X, double Y)>(ring.Lon.Length);
            for (var i = 0; i < ring.Lon.Length; i++) pts.Add((ring.Lon[i] + turn, ring.Lat[i]));
            var inside = ring.X0 + turn >= box.X0 && ring.X1 + turn <= box.X1 && ring.Y0 >= box.Y0 && ring.Y1 <= box.Y1;
            if (!inside)
            {
                pts = Cut(pts, p => p.X >= box.X0, (a, b) => AtX(a, b, box.X0));
                pts = Cut(pts, p => p.X <= box.X1, (a, b) => AtX(a, b, box.X1));
                pts = Cut(pts, p => p.Y >= box.Y0, (a, b) => AtY(a, b, box.Y0));
                pts = Cut(pts, p => p.Y <= box.Y1, (a, b) => AtY(a, b, box.Y1));
            }
            if (pts.Count >= 3) yield return (pts.Select(p => p.X).ToArray(), pts.Select(p => p.Y).ToArray());
        }
    }

    /// <summary>
    /// Each piece of each copy of the line near the box: a point is kept when it or a neighbour is inside, so a piece
    /// runs one point past the box's edge (1:50m points are a kilometre or so apart).
    /// </summary>
    public static IEnumerable<(double[] Lon, double[] Lat)> Line(GeoRing line, GeoBox box)
    {
        var n = line.Lon.Length;
        foreach (var turn in Turns)
        {
            if (!box.Meets(line.X0 + turn, line.Y0, line.X1 + turn, line.Y1)) continue;
            bool InAt(int i) => In(box, line.Lon[i] + turn, line.Lat[i]);
            var piece = new List<(double X, double Y)>();
            for (var i = 0; i < n; i++)
            {
                if (InAt(i) || (i > 0 && InAt(i - 1)) || (i + 1 < n && InAt(i + 1))) { piece.Add((line.Lon[i] + turn, line.Lat[i])); continue; }
                if (piece.Count >= 2) yield return Arrays(piece);
                piece = [];
            }
            if (piece.Count >= 2) yield return Arrays(piece);
        }
    }

    private static bool In(GeoBox b, double x, double y) => x >= b.X0 && x <= b.X1 && y >= b.Y0 && y <= b.Y1;

    private static (double[], double[]) Arrays(List<(double X, double Y)> pts) => (pts.Select(p => p.X).ToArray(), pts.Select(p => p.Y).ToArray());

    private static List<(double X, double Y)> Cut(List<(double X, double Y)> pts, Func<(double X, double Y), bool> keep,
        Func<(double X, double Y), (double X, double Y), (double X, double Y)> cross)
    {
        var result = new List<(double X, double Y)>(pts.Count);
        if (pts.Count == 0) return result;
        var prev = pts[^1];
        var prevIn = keep(prev);
        foreach (var p in pts)
        {
            var pIn = keep(p);
            if (pIn != prevIn) result.Add(cross(prev, p));
            if (pIn) result.Add(p);
            (prev, prevIn) = (p, pIn);
        }
        return result;
    }

    private static (double X, double Y) AtX((double X, double Y) a, (double X, double Y) b, double x) =>
        (x, a.Y + (b.Y - a.Y) * (x - a.X) / (b.X - a.X));

    private static (double X, double Y) AtY((double X, double Y) a, (double X, double Y) b, double y) =>
        (a.X + (b.X - a.X) * (y - a.Y) / (b.Y - a.Y), y);
}
