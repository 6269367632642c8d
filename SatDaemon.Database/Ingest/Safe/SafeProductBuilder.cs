using System.Xml;
using System.Xml.Linq;

namespace SatDaemon.Database.Ingest.Safe;

/// <summary>Turns the parsed manifest and annotations into a <see cref="SafeProduct"/>, checking they fit together.</summary>
internal static class SafeProductBuilder
{
    private const double TicksPerTenthSecond = TimeSpan.TicksPerSecond / 10.0;

    /// <summary>An annotation entry's inflated bytes, parsed only when Build comes to it.</summary>
    internal sealed record AnnotationBytes(string EntryName, byte[] Buffer, int Length);

    public static SafeProduct Build(string path, SafeZipLayout layout, XDocument manifestXml, IReadOnlyList<AnnotationBytes> annotationXml)
    {
        SafeProductException Fail(string reason) => new(path, reason);

        // The .SAFE folder name is the product's identity; the zip may have been renamed (downloads, copies).
        var nameSource = layout.SafeName ?? Path.GetFileNameWithoutExtension(path);
        if (!S1ProductName.TryParse(nameSource, out var name, out var nameProblem))
            throw Fail(nameProblem);
        if (name.ProductType != "SLC")
            throw Fail($"not an SLC product: {name.Id} is of type {name.ProductType}");

        var manifest = SafeManifest.Parse(manifestXml, Fail);
        if (manifest.ProductType != "SLC")
            throw Fail($"not an SLC product: manifest.safe says product type {manifest.ProductType}");
        if (manifest.Mode != "IW")
            throw Fail($"not an IW product: manifest.safe says mode {manifest.Mode}");
        if (manifest.Mission != name.Mission)
            throw Fail($"name says {name.Mission} but manifest.safe says {manifest.Mission}");
        CheckNameAgainstContent(path, layout, name, manifest, Fail);

        if (annotationXml.Count == 0)
            throw Fail($"no IW SLC annotation (annotation/s1?-iw?-slc-*.xml) under {layout.SafeDirectory}");

        var bursts = new List<SafeBurst>();
        foreach (var xml in annotationXml)
            bursts.AddRange(Bursts(Parse(xml, Fail), manifest, Fail));

        return new SafeProduct(
            Id: name.Id,
            FilePath: path,
            Name: name,
            Manifest: manifest,
            Bursts: bursts);
    }

    /// <summary>
    /// A product's name is its identity (files.id, the date, paths), so a name that contradicts the content is refused
    /// rather than trusted: a zip renamed to another product's name would otherwise enter as a new file carrying the
    /// other product's bursts under a wrong date. Refused, not renamed to the manifest's identity, because which of the
    /// two an operator meant cannot be known, and a refusal names both so the file can be put right by hand.
    /// The name's times are whole seconds; the manifest's carry fractions, so they agree within a second.
    /// </summary>
    private static void CheckNameAgainstContent(string path, SafeZipLayout layout, S1ProductName name, SafeManifest manifest, Func<string, SafeProductException> fail)
    {
        var zipStem = Path.GetFileNameWithoutExtension(path);
        if (layout.SafeName is not null && S1ProductName.TryParse(zipStem, out var zipName) && zipName.Id != name.Id)
            throw fail($"the zip is named {zipName.Id} but holds {name.Id}.SAFE (a renamed product?); not ingested");
        var tolerance = TimeSpan.FromSeconds(1);
        if ((name.Start - manifest.StartTime).Duration() >= tolerance || name.AbsoluteOrbit != manifest.AbsoluteOrbit)
            throw fail(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the name {name.Id} says start {name.Start:yyyy-MM-ddTHH:mm:ss}, orbit {name.AbsoluteOrbit} but manifest.safe says start {manifest.StartTime:yyyy-MM-ddTHH:mm:ss.fff}, orbit {manifest.AbsoluteOrbit} (a renamed product?); not ingested"));
    }

    private static SwathAnnotation Parse(AnnotationBytes annotation, Func<string, SafeProductException> fail)
    {
        using var stream = new MemoryStream(annotation.Buffer, 0, annotation.Length, writable: false);
        using var reader = XmlReader.Create(stream, SwathAnnotation.ReaderSettings);
        try
        {
            return SwathAnnotation.Read(reader, fail);
        }
        catch (XmlException e)
        {
            throw fail($"{annotation.EntryName} is not well-formed XML: {e.Message}");
        }
    }

    private static IEnumerable<SafeBurst> Bursts(SwathAnnotation swath, SafeManifest manifest, Func<string, SafeProductException> fail)
    {
        for (var k = 0; k < swath.Bursts.Count; k++)
        {
            var timing = swath.Bursts[k];
            var sinceAnx = timing.AzimuthTime - manifest.AscendingNodeTime;
            if (sinceAnx < TimeSpan.Zero)
                throw fail($"{swath.Swath} burst {k} starts before the ascending node time");

            var anxId = (int)Math.Round(sinceAnx.Ticks / TicksPerTenthSecond, MidpointRounding.AwayFromZero);
            var computedEsaId = EsaBurstId.Compute(manifest.RelativeOrbit, (sinceAnx + swath.HalfBurst).TotalSeconds);
            var footprint = swath.Grid.Outline(k * swath.LinesPerBurst, (k + 1) * swath.LinesPerBurst)
                            ?? throw fail($"{swath.Swath} annotation geolocation grid cannot outline burst {k}");

            yield return new SafeBurst(
                Swath: swath.Swath,
                Index: k,
                AzimuthTime: timing.AzimuthTime,
                AnxId: anxId,
                BurstId: $"{manifest.RelativeOrbit}_{anxId}_{swath.Swath}",
                AnnotatedEsaBurstId: timing.EsaBurstId,
                ComputedEsaBurstId: computedEsaId,
                Footprint: footprint);
        }
    }
}
