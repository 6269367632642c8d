using System.Globalization;
using System.Reflection;
using System.Text;

namespace SatDaemon.Web.Svg;

/// <summary>
/// Natural Earth 4.1.0 at 1:50m (public domain), shipped inside the assembly so that maps need no internet: land
/// polygons (<c>ne_50m_land.rings</c>, scripts/natural-earth-land.py), borders between countries
/// (<c>ne_50m_borders.lines</c>) and each country's outline, to name it where it is in view
/// (<c>ne_50m_countries.rings</c>, both scripts/natural-earth-borders.py). Each file is read once, on the first map drawn.
/// </summary>
internal static class NaturalEarth
{
    private static readonly Lazy<IReadOnlyList<GeoRing>> LandRings = new(() => ReadPoints("ne_50m_land.rings", GeoRing.Polygon));
    private static readonly Lazy<IReadOnlyList<GeoRing>> BorderLines = new(() => ReadPoints("ne_50m_borders.lines", GeoRing.Line));
    private static readonly Lazy<IReadOnlyList<Country>> CountryRings = new(ReadCountries);
    private static readonly Lazy<IReadOnlyList<Town>> TownList = new(ReadTowns);

    /// <summary>Land and lake rings, unwrapped across ±180° (Antarctica closed along the pole).</summary>
    public static IReadOnlyList<GeoRing> Land => LandRings.Value;

    /// <summary>Land borders between two countries.</summary>
    public static IReadOnlyList<GeoRing> Borders => BorderLines.Value;

    /// <summary>Countries with the outer rings of their polygons (holes left out: only a label is placed by them).</summary>
    public static IReadOnlyList<Country> Countries => CountryRings.Value;

    public sealed record Country(string Name, IReadOnlyList<GeoRing> Rings);

    /// <summary>
    /// Towns to name at frame scale (<c>places.txt</c>: not Natural Earth, whose populated places could not be fetched
    /// here, but national capitals and large cities compiled by hand from public geographic facts), most important first.
    /// </summary>
    public static IReadOnlyList<Town> Towns => TownList.Value;

    public sealed record Town(string Name, double Lat, double Lon);

    /// <summary>"name;latitude;longitude" per line.</summary>
    private static IReadOnlyList<Town> ReadTowns() =>
        Lines("places.txt", Encoding.UTF8).Select(line => line.Split(';'))
            .Select(w => new Town(w[0], Num(w[1]), Num(w[2]))).ToList();

    private static IReadOnlyList<GeoRing> ReadPoints(string file, Func<IReadOnlyList<double>, IReadOnlyList<double>, GeoRing> make) =>
        Lines(file, Encoding.ASCII).Select(line => Points(line, make)).ToList();

    /// <summary>"=name" starts a country; the ring lines after it are its polygons' outer rings.</summary>
    private static IReadOnlyList<Country> ReadCountries()
    {
        var result = new List<Country>();
        string? name = null;
        var rings = new List<GeoRing>();
        foreach (var line in Lines("ne_50m_countries.rings", Encoding.UTF8))
        {
            if (line[0] != '=') { rings.Add(Points(line, GeoRing.Polygon)); continue; }
            if (name is not null) result.Add(new Country(name, rings));
            (name, rings) = (line[1..], []);
        }
        if (name is not null) result.Add(new Country(name, rings));
        return result;
    }

    private static GeoRing Points(string line, Func<IReadOnlyList<double>, IReadOnlyList<double>, GeoRing> make)
    {
        var words = line.Split(' ');
        var lon = new double[words.Length];
        var lat = new double[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var comma = words[i].IndexOf(',');
            lon[i] = Num(words[i].AsSpan(0, comma));
            lat[i] = Num(words[i].AsSpan(comma + 1));
        }
        return make(lon, lat);
    }

    private static double Num(ReadOnlySpan<char> s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static IEnumerable<string> Lines(string file, Encoding encoding)
    {
        var name = "SatDaemon.Web.Svg." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing from the build");
        using var reader = new StreamReader(stream, encoding);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') yield return line;
    }
}
