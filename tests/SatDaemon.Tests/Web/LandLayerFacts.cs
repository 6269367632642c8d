using System.Globalization;
using System.Text.RegularExpressions;
using SatDaemon.Web.Svg;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The maps' Natural Earth land: a small square drawn on a map at a place, and whether the land path covers the
/// square's centre there, must agree with geography (Rome is on land, the mid-Atlantic and the open Pacific are not).
/// The centre's pixel is read from the square's own path, so the check does not depend on the map's projection.
/// </summary>
public sealed partial class LandLayerFacts(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Rome", 12.50, 41.90, true)]
    [InlineData("Madrid", -3.70, 40.42, true)]
    [InlineData("Reykjavik inland", -20.0, 64.5, true)]
    [InlineData("mid-Atlantic", -30.0, 30.0, false)]
    [InlineData("Tyrrhenian Sea", 11.5, 40.0, false)]
    [InlineData("open South Pacific", -140.0, -40.0, false)]
    public void Land_is_drawn_under_a_place_exactly_when_the_place_is_on_land(string place, double lon, double lat, bool onLand)
    {
        const double half = 0.05;
        var square = new MapShape([[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]],
            "frame", place, null);

        var svg = MapSvg.Render([square], "test-map").ToString();

        var land = Paths(svg).Where(p => p.Class == "land").Select(p => p.D).SingleOrDefault() ?? "";
        var frame = Paths(svg).Single(p => p.Class == "frame").D;
        var corners = Points(frame);
        var centre = (X: corners.Average(c => c.X), Y: corners.Average(c => c.Y));
        var covered = land.Length > 0 && EvenOddContains(Rings(land), centre);
        output.WriteLine($"{place}: land path {land.Length} chars, centre pixel ({centre.X:0.#}, {centre.Y:0.#}), on land: {covered}");

        Assert.Equal(onLand, covered);
    }

    [Fact]
    public void The_whole_world_map_carries_its_coastlines_in_a_small_payload()
    {
        var svg = MapSvg.Render([], "world").ToString();
        var land = Paths(svg).Single(p => p.Class == "land").D;
        output.WriteLine($"{LandLayer.RingCount} rings shipped; world map land path {land.Length:N0} chars, {Rings(land).Count} rings drawn");

        Assert.True(LandLayer.RingCount > 1000, "the 1:50m land file holds over a thousand rings");
        // docs/web.md: the frames map payload is at most 2 MB; its coastline must leave room for the frames.
        Assert.InRange(land.Length, 10_000, 400_000);
    }

    private static IEnumerable<(string Class, string D)> Paths(string svg) =>
        PathTag().Matches(svg).Select(m => (m.Groups["class"].Value, m.Groups["d"].Value));

    private static List<List<(double X, double Y)>> Rings(string d) =>
        d.Split('Z', StringSplitOptions.RemoveEmptyEntries).Select(Points).Where(r => r.Count >= 3).ToList();

    private static List<(double X, double Y)> Points(string d) =>
        PointWord().Matches(d).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

    /// <summary>The SVG even-odd rule: a ray from the point crosses the rings' edges an odd number of times.</summary>
    private static bool EvenOddContains(List<List<(double X, double Y)>> rings, (double X, double Y) p)
    {
        var inside = false;
        foreach (var ring in rings)
        {
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                var (a, b) = (ring[i], ring[j]);
                if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y) + a.X) inside = !inside;
            }
        }
        return inside;
    }

    [GeneratedRegex("""<path class="(?<class>[^"]+)" d="(?<d>[^"]*)""")]
    private static partial Regex PathTag();

    [GeneratedRegex(@"[ML](-?[\d.]+),(-?[\d.]+)")]
    private static partial Regex PointWord();
}
