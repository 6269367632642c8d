using System.Xml.Linq;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>The parts of one <c>annotation/s1?-iw?-slc-*.xml</c> that burst ingest needs.</summary>
internal sealed record SwathAnnotation(
    string Swath,
    string Polarisation,
    int LinesPerBurst,
    double AzimuthTimeInterval,
    IReadOnlyList<SwathAnnotation.BurstTiming> Bursts,
    GeolocationGrid Grid)
{
    /// <param name="AzimuthTime">Burst start time, UTC.</param>
    /// <param name="EsaBurstId">The annotated relative ESA burst id, when the IPF wrote one.</param>
    internal sealed record BurstTiming(DateTime AzimuthTime, int? EsaBurstId);

    /// <summary>Half a burst: added to the start time to get the mid time ESA's burst id uses.</summary>
    public TimeSpan HalfBurst => TimeSpan.FromSeconds(LinesPerBurst * AzimuthTimeInterval / 2);

    public static SwathAnnotation Parse(XDocument doc, Func<string, SafeProductException> fail)
    {
        var root = doc.Root ?? throw fail("annotation is empty");
        var swath = root.At("adsHeader", "swath")?.Value.Trim() ?? throw fail("annotation has no adsHeader/swath");
        var polarisation = root.At("adsHeader", "polarisation")?.Value.Trim() ?? "";

        if (!SafeXml.TryParseInt(root.At("swathTiming", "linesPerBurst")?.Value, out var linesPerBurst) || linesPerBurst <= 0)
            throw fail($"{swath} annotation has no valid swathTiming/linesPerBurst");
        if (!SafeXml.TryParseDouble(root.At("imageAnnotation", "imageInformation", "azimuthTimeInterval")?.Value, out var interval)
            || interval <= 0)
            throw fail($"{swath} annotation has no valid imageInformation/azimuthTimeInterval");

        // Only swathTiming/burstList/burst/azimuthTime: the file has many other <azimuthTime> elements
        // (orbit, attitude, geolocation grid, Doppler ...) that are not burst starts.
        var bursts = new List<BurstTiming>();
        foreach (var burst in root.At("swathTiming", "burstList")?.Children("burst") ?? [])
        {
            if (!SafeXml.TryParseTime(burst.Child("azimuthTime")?.Value, out var azimuthTime))
                throw fail($"{swath} annotation burst {bursts.Count} has no valid azimuthTime");
            int? esaId = SafeXml.TryParseInt(burst.Child("burstId")?.Value, out var id) ? id : null;
            bursts.Add(new BurstTiming(azimuthTime, esaId));
        }

        if (bursts.Count == 0)
            throw fail($"{swath} annotation has an empty swathTiming/burstList");

        var grid = new GeolocationGrid();
        foreach (var point in root.At("geolocationGrid", "geolocationGridPointList")?.Children("geolocationGridPoint") ?? [])
        {
            if (SafeXml.TryParseInt(point.Child("line")?.Value, out var line)
                && SafeXml.TryParseInt(point.Child("pixel")?.Value, out var pixel)
                && SafeXml.TryParseDouble(point.Child("latitude")?.Value, out var lat)
                && SafeXml.TryParseDouble(point.Child("longitude")?.Value, out var lon))
                grid.Add(line, pixel, lat, lon);
        }

        return new SwathAnnotation(swath, polarisation, linesPerBurst, interval, bursts, grid);
    }
}
