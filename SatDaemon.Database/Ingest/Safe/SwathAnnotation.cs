using System.Xml;
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

    /// <summary>Settings for <see cref="Read(XmlReader, Func{string, SafeProductException})"/>: layout whitespace and comments are not content.</summary>
    public static readonly XmlReaderSettings ReaderSettings = new()
    {
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        DtdProcessing = DtdProcessing.Ignore,
    };

    public static SwathAnnotation Parse(XDocument doc, Func<string, SafeProductException> fail)
    {
        using var reader = doc.CreateReader();
        return Read(reader, fail);
    }

    /// <summary>
    /// Reads the annotation as a stream. An IW SLC annotation is ~0.9 MB per swath, nearly all of it Doppler, antenna,
    /// noise and calibration data that bursts do not need; those sections are skipped unparsed into objects, which made
    /// reading a zip several times cheaper than building the whole document. Every value is taken from the first
    /// element on its path, as a document lookup would.
    /// </summary>
    public static SwathAnnotation Read(XmlReader reader, Func<string, SafeProductException> fail)
    {
        if (reader.MoveToContent() != XmlNodeType.Element) throw fail("annotation is empty");
        string? swath = null, polarisation = null, linesText = null, intervalText = null;
        var bursts = new List<(string? Time, string? Id)>();
        var grid = new GeolocationGrid();
        // Sections, in document order: adsHeader, … imageAnnotation, … swathTiming, geolocationGrid, … (IPF 2.x/3.x).
        // Only the first element of a name is read, so a repeated section is ignored as a lookup would ignore it.
        bool header = false, image = false, timing = false, geolocation = false;
        Children(reader, section =>
        {
            switch (section)
            {
                case "adsHeader" when !header:
                    header = true;
                    Children(reader, name =>
                    {
                        if (name == "swath" && swath is null) swath = Leaf(reader);
                        else if (name == "polarisation" && polarisation is null) polarisation = Leaf(reader);
                        else reader.Skip();
                    });
                    break;
                case "imageAnnotation" when !image:
                    image = true;
                    var information = false;
                    Children(reader, name =>
                    {
                        if (name != "imageInformation" || information) { reader.Skip(); return; }
                        information = true;
                        Children(reader, field =>
                        {
                            if (field == "azimuthTimeInterval" && intervalText is null) intervalText = Leaf(reader);
                            else reader.Skip();
                        });
                    });
                    break;
                case "swathTiming" when !timing:
                    timing = true;
                    var list = false;
                    Children(reader, name =>
                    {
                        if (name == "linesPerBurst" && linesText is null) { linesText = Leaf(reader); return; }
                        if (name != "burstList" || list) { reader.Skip(); return; }
                        list = true;
                        // Only swathTiming/burstList/burst/azimuthTime: the file has many other <azimuthTime> elements
                        // (orbit, attitude, geolocation grid, Doppler ...) that are not burst starts.
                        Children(reader, burst =>
                        {
                            if (burst != "burst") { reader.Skip(); return; }
                            string? time = null, id = null;
                            Children(reader, field =>
                            {
                                if (field == "azimuthTime" && time is null) time = Leaf(reader);
                                else if (field == "burstId" && id is null) id = Leaf(reader);
                                else reader.Skip();
                            });
                            bursts.Add((time, id));
                        });
                    });
                    break;
                case "geolocationGrid" when !geolocation:
                    geolocation = true;
                    var points = false;
                    Children(reader, name =>
                    {
                        if (name != "geolocationGridPointList" || points) { reader.Skip(); return; }
                        points = true;
                        Children(reader, point =>
                        {
                            if (point != "geolocationGridPoint") { reader.Skip(); return; }
                            string? line = null, pixel = null, lat = null, lon = null;
                            Children(reader, field =>
                            {
                                switch (field)
                                {
                                    case "line" when line is null: line = Leaf(reader); break;
                                    case "pixel" when pixel is null: pixel = Leaf(reader); break;
                                    case "latitude" when lat is null: lat = Leaf(reader); break;
                                    case "longitude" when lon is null: lon = Leaf(reader); break;
                                    default: reader.Skip(); break;
                                }
                            });
                            if (SafeXml.TryParseInt(line, out var l) && SafeXml.TryParseInt(pixel, out var p)
                                && SafeXml.TryParseDouble(lat, out var la) && SafeXml.TryParseDouble(lon, out var lo))
                                grid.Add(l, p, la, lo);
                        });
                    });
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });

        swath = swath?.Trim() ?? throw fail("annotation has no adsHeader/swath");
        if (!SafeXml.TryParseInt(linesText, out var linesPerBurst) || linesPerBurst <= 0)
            throw fail($"{swath} annotation has no valid swathTiming/linesPerBurst");
        if (!SafeXml.TryParseDouble(intervalText, out var interval) || interval <= 0)
            throw fail($"{swath} annotation has no valid imageInformation/azimuthTimeInterval");
        var timings = new List<BurstTiming>(bursts.Count);
        foreach (var (time, id) in bursts)
        {
            if (!SafeXml.TryParseTime(time, out var azimuthTime))
                throw fail($"{swath} annotation burst {timings.Count} has no valid azimuthTime");
            timings.Add(new BurstTiming(azimuthTime, SafeXml.TryParseInt(id, out var esaId) ? esaId : null));
        }
        if (timings.Count == 0)
            throw fail($"{swath} annotation has an empty swathTiming/burstList");
        return new SwathAnnotation(swath, polarisation?.Trim() ?? "", linesPerBurst, interval, timings, grid);
    }

    /// <summary>
    /// Calls <paramref name="child"/> with the local name of each child element of the element the reader is on; the
    /// callback must consume that child whole (Skip, Leaf or Children). Leaves the reader after the element's end.
    /// </summary>
    private static void Children(XmlReader reader, Action<string> child)
    {
        if (reader.IsEmptyElement) { reader.Read(); return; }
        var depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.EOF) return; // a truncated file: the reader throws before this in practice
            if (reader.NodeType == XmlNodeType.Element) child(reader.LocalName);
            else reader.Read();
        }
        reader.Read();
    }

    /// <summary>The text of the element the reader is on, all its descendants' text included (as XElement.Value).</summary>
    private static string Leaf(XmlReader reader) => ((XElement)XNode.ReadFrom(reader)).Value;
}
