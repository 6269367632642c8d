using System.Globalization;
using System.Xml.Linq;
using SatDaemon.Database.Ingest.Safe;

namespace SatDaemon.Demo.Synthetic;

/// <summary>
/// Cuts an annotation down to consecutive bursts, as a product sliced differently would be: the burst list
/// loses the other bursts and the geolocation grid keeps the rows spanning the kept bursts, renumbered so
/// line 0 is the first kept burst's first line (the reader outlines burst k from lines k·linesPerBurst).
/// </summary>
internal static class AnnotationBurstSubset
{
    public static string Apply(string annotationXml, int firstBurst, int? burstCount)
    {
        var doc = XDocument.Parse(annotationXml);
        var root = doc.Root ?? throw new InvalidOperationException("empty annotation");
        var linesPerBurst = int.Parse(root.At("swathTiming", "linesPerBurst")!.Value, CultureInfo.InvariantCulture);
        var burstList = root.At("swathTiming", "burstList") ?? throw new InvalidOperationException("annotation has no burstList");
        var bursts = burstList.Children("burst").ToList();
        var count = burstCount ?? bursts.Count - firstBurst;
        if (firstBurst < 0 || count < 1 || firstBurst + count > bursts.Count)
            throw new ArgumentOutOfRangeException(nameof(burstCount),
                $"bursts {firstBurst}..{firstBurst + count - 1} are not within the template's {bursts.Count} bursts");

        for (var k = 0; k < bursts.Count; k++)
        {
            if (k < firstBurst || k >= firstBurst + count)
                bursts[k].Remove();
        }

        burstList.SetAttributeValue("count", count);

        var firstLine = firstBurst * linesPerBurst;
        var endLine = (firstBurst + count) * linesPerBurst;
        var grid = root.At("geolocationGrid", "geolocationGridPointList");
        if (grid is not null)
        {
            foreach (var point in grid.Children("geolocationGridPoint").ToList())
            {
                var lineElement = point.Child("line")!;
                var line = int.Parse(lineElement.Value, CultureInfo.InvariantCulture);
                if (line < firstLine || line > endLine)
                    point.Remove();
                else
                    lineElement.Value = (line - firstLine).ToString(CultureInfo.InvariantCulture);
            }

            grid.SetAttributeValue("count", grid.Children("geolocationGridPoint").Count());
        }

        root.At("imageAnnotation", "imageInformation", "numberOfLines")?.SetValue(count * linesPerBurst);
        return doc.Declaration + Environment.NewLine + doc.ToString();
    }
}
