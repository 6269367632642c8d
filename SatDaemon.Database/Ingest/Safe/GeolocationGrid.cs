using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>
/// The annotation's <c>geolocationGrid</c>: rows of (line, pixel) → (lat, lon) tie points. In IW SLC
/// annotations the rows sit on burst boundaries (line k·linesPerBurst), the last one on the last image line.
/// </summary>
internal sealed class GeolocationGrid
{
    private readonly SortedDictionary<int, List<(int Pixel, Coordinate LonLat)>> _rows = new();

    public void Add(int line, int pixel, double latitude, double longitude)
    {
        if (!_rows.TryGetValue(line, out var row))
            _rows[line] = row = [];
        row.Add((pixel, new Coordinate(longitude, latitude)));
    }

    public int RowCount => _rows.Count;

    /// <summary>
    /// Outline of the image lines <paramref name="firstLine"/> .. <paramref name="endLine"/> (exclusive).
    /// We take the grid rows <em>nearest</em> to both ends rather than interpolating: the rows lie on the
    /// burst boundaries anyway (the last one is one line short of the image end), so interpolation would
    /// only add arithmetic. Corners are the first and last pixel of each row: near-range start,
    /// far-range start, far-range end, near-range end; the ring is then made counter-clockwise.
    /// Returns null when the grid cannot bracket the lines with two distinct rows.
    /// </summary>
    public Polygon? Outline(int firstLine, int endLine)
    {
        if (_rows.Count < 2)
            return null;
        var lines = _rows.Keys.ToArray();
        var top = Nearest(lines, firstLine);
        var bottom = Nearest(lines, endLine);
        if (top == bottom)
            return null;
        var topRow = SortedRow(top);
        var bottomRow = SortedRow(bottom);
        return SafeGeometry.Polygon(
        [
            topRow[0].LonLat, topRow[^1].LonLat, bottomRow[^1].LonLat, bottomRow[0].LonLat,
        ]);
    }

    private List<(int Pixel, Coordinate LonLat)> SortedRow(int line) => _rows[line].OrderBy(p => p.Pixel).ToList();

    private static int Nearest(int[] sortedLines, int line)
    {
        var best = sortedLines[0];
        foreach (var candidate in sortedLines)
        {
            if (Math.Abs(candidate - line) < Math.Abs(best - line))
                best = candidate;
        }

        return best;
    }
}
