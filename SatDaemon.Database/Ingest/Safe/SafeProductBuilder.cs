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
