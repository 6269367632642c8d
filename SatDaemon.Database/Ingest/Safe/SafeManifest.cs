using System.Xml.Linq;
using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>The facts ingest takes from <c>manifest.safe</c>.</summary>
public sealed record SafeManifest(
    string Mission,
    string Mode,
    string ProductType,
    int RelativeOrbit,
    char Pass,
    DateTime AscendingNodeTime,
    int AbsoluteOrbit,
    DateTime StartTime,
    DateTime StopTime,
    Polygon Footprint)
{
    /// <summary>Reads the manifest; <paramref name="fail"/> builds the exception for a missing or bad element.</summary>
    internal static SafeManifest Parse(XDocument doc, Func<string, SafeProductException> fail)
    {
        var root = doc.Root ?? throw fail("manifest.safe is empty");

        string Text(string localName) =>
            root.DescendantsNamed(localName).FirstOrDefault()?.Value.Trim()
            ?? throw fail($"manifest.safe has no <{localName}>");

        // orbitNumber / relativeOrbitNumber come as a start/stop pair; the start one identifies the product.
        int StartNumber(string localName)
        {
            var elements = root.DescendantsNamed(localName).ToList();
            var element = elements.FirstOrDefault(e => (string?)e.Attribute("type") == "start") ?? elements.FirstOrDefault();
            if (element is null || !SafeXml.TryParseInt(element.Value, out var n))
                throw fail($"manifest.safe has no valid <{localName}>");
            return n;
        }

        DateTime Time(XElement scope, string localName) =>
            SafeXml.TryParseTime(scope.DescendantsNamed(localName).FirstOrDefault()?.Value, out var t)
                ? t
                : throw fail($"manifest.safe has no valid <{localName}>");

        var period = root.DescendantsNamed("acquisitionPeriod").FirstOrDefault()
                     ?? throw fail("manifest.safe has no <acquisitionPeriod>");

        var platformNumber = root.DescendantsNamed("platform").FirstOrDefault()?.Child("number")?.Value.Trim();
        var family = root.DescendantsNamed("platform").FirstOrDefault()?.Child("familyName")?.Value.Trim();
        if (family != "SENTINEL-1" || platformNumber is not ("A" or "B" or "C" or "D"))
            throw fail($"manifest.safe platform is '{family} {platformNumber}', not Sentinel-1 A/B/C/D");

        var relativeOrbit = StartNumber("relativeOrbitNumber");
        if (relativeOrbit is < 1 or > 175)
            throw fail($"manifest.safe relative orbit {relativeOrbit} is outside 1–175");

        var pass = Text("pass") switch
        {
            "ASCENDING" => 'A',
            "DESCENDING" => 'D',
            var other => throw fail($"manifest.safe pass '{other}' is neither ASCENDING nor DESCENDING"),
        };

        var coordinates = root.DescendantsNamed("footPrint").FirstOrDefault()?.DescendantsNamed("coordinates").FirstOrDefault()?.Value
                          ?? throw fail("manifest.safe has no footprint coordinates");
        if (!SafeGeometry.TryParseLatLonList(coordinates, out var corners))
            throw fail($"manifest.safe footprint '{coordinates.Trim()}' is not a 'lat,lon lat,lon ...' list");

        return new SafeManifest(
            Mission: "S1" + platformNumber,
            Mode: Text("mode"),
            ProductType: Text("productType"),
            RelativeOrbit: relativeOrbit,
            Pass: pass,
            AscendingNodeTime: Time(root, "ascendingNodeTime"),
            AbsoluteOrbit: StartNumber("orbitNumber"),
            StartTime: Time(period, "startTime"),
            StopTime: Time(period, "stopTime"),
            Footprint: SafeGeometry.Polygon(corners));
    }
}
