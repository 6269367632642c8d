using System.IO.Compression;
using SatDaemon.Database.Ingest.Safe;
using SatDaemon.Demo.Synthetic;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

public sealed class SyntheticSafeWriterTests : IDisposable
{
    private static readonly SafeProduct Track71 = SafeProductReader.Read(TestData.Path(S1Files.Track71));
    private static readonly SafeProduct Track64 = SafeProductReader.Read(TestData.Path(S1Files.Track64));
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Shifted_product_reads_back_with_new_date_and_the_same_bursts()
    {
        var path = SyntheticSafeWriter.Write(Track71, _temp.FullPath, new SyntheticSafeOptions { CycleShift = 3 });
        var p = SafeProductReader.Read(path);

        Assert.Equal("S1A_IW_SLC__1SDV_20200616T135117_20200616T135144_033043_03C424_7D3B", p.Id);
        Assert.Equal(p.Id + ".zip", Path.GetFileName(path));
        Assert.Equal(new DateOnly(2020, 6, 16), p.AcquisitionDate);
        Assert.Equal(Track71.StartTime.AddDays(36), p.StartTime);
        Assert.Equal(Track71.AscendingNodeTime.AddDays(36), p.AscendingNodeTime);
        Assert.Equal(Track71.AbsoluteOrbit + 3 * 175, p.AbsoluteOrbit);
        Assert.Equal(p.AbsoluteOrbit, p.Name.AbsoluteOrbit);
        Assert.Equal((71, 'D'), (p.Track, p.Pass));
        Assert.Equal(Track71.Bursts.Select(b => (b.BurstId, b.EsaBurstId)), p.Bursts.Select(b => (b.BurstId, b.EsaBurstId)));
        Assert.Equal(Track71.Bursts.Select(b => b.AzimuthTime.AddDays(36)), p.Bursts.Select(b => b.AzimuthTime));
        Assert.True(Track71.Footprint.EqualsExact(p.Footprint));
        Assert.All(Track71.Bursts.Zip(p.Bursts), pair => Assert.True(pair.First.Footprint.EqualsExact(pair.Second.Footprint)));
    }

    [Fact]
    public void Earlier_cycles_and_annotated_burst_ids_survive_the_shift()
    {
        var path = SyntheticSafeWriter.Write(Track64, _temp.FullPath, new SyntheticSafeOptions { CycleShift = -2 });
        var p = SafeProductReader.Read(path);

        Assert.Equal(new DateOnly(2022, 9, 22), p.AcquisitionDate);
        Assert.Equal(Track64.AbsoluteOrbit - 350, p.AbsoluteOrbit);
        Assert.Equal(Track64.Bursts.Select(b => b.AnnotatedEsaBurstId), p.Bursts.Select(b => b.AnnotatedEsaBurstId));
        Assert.All(p.Bursts, b => Assert.Equal(b.AnnotatedEsaBurstId, b.ComputedEsaBurstId));
    }

    [Fact]
    public void Swath_and_burst_subsets_give_a_partially_covering_product()
    {
        var options = new SyntheticSafeOptions { CycleShift = 1, Swaths = ["IW1", "IW3"], FirstBurst = 2, BurstCount = 4 };
        var p = SafeProductReader.Read(SyntheticSafeWriter.Write(Track71, _temp.FullPath, options));

        Assert.Equal(["IW1", "IW3"], p.Swaths);
        var expected = Track71.Bursts.Where(b => b.Swath != "IW2" && b.Index is >= 2 and < 6).ToList();
        Assert.Equal(expected.Select(b => (b.BurstId, b.EsaBurstId)), p.Bursts.Select(b => (b.BurstId, b.EsaBurstId)));
        Assert.Equal([0, 1, 2, 3], p.Bursts.Where(b => b.Swath == "IW1").Select(b => b.Index));

        // Burst outlines come from the renumbered grid rows, so they are the template's outlines.
        Assert.All(expected.Zip(p.Bursts), pair => Assert.True(pair.First.Footprint.EqualsExact(pair.Second.Footprint)));

        // The manifest footprint shrinks to the kept bursts.
        Assert.True(p.Footprint.Area < Track71.Footprint.Area * 0.6);
        Assert.True(p.Footprint.Buffer(1e-5).Contains(p.Bursts[0].Footprint));
    }

    [Fact]
    public void Last_bursts_subset_keeps_the_final_grid_row()
    {
        var options = new SyntheticSafeOptions { CycleShift = 1, FirstBurst = 7 };
        var p = SafeProductReader.Read(SyntheticSafeWriter.Write(Track64, _temp.FullPath, options));

        Assert.Equal(Track64.Bursts.Skip(7).Select(b => b.BurstId), p.Bursts.Select(b => b.BurstId));
        Assert.True(Track64.Bursts[8].Footprint.EqualsExact(p.Bursts[1].Footprint));
    }

    [Fact]
    public void Safe_prefix_and_small_zip_with_only_metadata()
    {
        var path = SyntheticSafeWriter.Write(Track64, _temp.FullPath, new SyntheticSafeOptions { CycleShift = 1, SafePrefix = true });

        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        var id = Path.GetFileNameWithoutExtension(path);
        Assert.Contains($"safe/{id}.SAFE/manifest.safe", names);
        Assert.Contains($"safe/{id}.SAFE/annotation/s1a-iw2-slc-vv-20221028t015044-20221028t015109-045636-056fc1-005.xml", names);
        Assert.Equal(2, names.Count);
        Assert.True(new FileInfo(path).Length < 300_000);
        Assert.Empty(Directory.GetFiles(_temp.FullPath, "*.partial"));
        Assert.Equal(new DateOnly(2022, 10, 28), SafeProductReader.Read(path).AcquisitionDate);
    }

    [Fact]
    public void Template_can_be_loaded_from_raw_zip_and_keeps_every_polarisation()
    {
        var template = SafeTemplate.Load(TestData.Path(S1Files.Track71));

        Assert.Equal(Track71.Id, template.SafeName);
        Assert.Equal(6, template.Annotations.Count);
        Assert.Contains("<s1:pass>DESCENDING</s1:pass>", template.ManifestXml);

        var path = SyntheticSafeWriter.Write(template, _temp.FullPath, new SyntheticSafeOptions { CycleShift = 1, Swaths = ["IW2"] });
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(3, zip.Entries.Count); // manifest + IW2 VV + IW2 VH
    }

    [Fact]
    public void Burst_range_outside_the_template_is_refused()
    {
        var options = new SyntheticSafeOptions { FirstBurst = 5, BurstCount = 5 };
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticSafeWriter.Write(Track64, _temp.FullPath, options));
    }

    [Fact]
    public void Unknown_swath_is_refused()
    {
        var options = new SyntheticSafeOptions { Swaths = ["IW3"] };
        Assert.Throws<ArgumentException>(() => SyntheticSafeWriter.Write(Track64, _temp.FullPath, options));
    }
}
