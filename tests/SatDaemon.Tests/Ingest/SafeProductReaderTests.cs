using SatDaemon.Database.Ingest.Safe;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

public class SafeProductReaderTests
{
    private static readonly SafeProduct Track71 = SafeProductReader.Read(TestData.Path(S1Files.Track71));
    private static readonly SafeProduct Track64 = SafeProductReader.Read(TestData.Path(S1Files.Track64));

    [Fact]
    public void Reads_track_71_descending_with_nine_bursts_per_swath()
    {
        var p = Track71;
        Assert.Equal("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768", p.Id);
        Assert.Equal(Path.GetFullPath(TestData.Path(S1Files.Track71)), p.FilePath);
        Assert.Equal("S1A", p.Mission);
        Assert.Equal(71, p.RelativeOrbit);
        Assert.Equal(71, p.Track);
        Assert.Equal('D', p.Pass);
        Assert.Equal(32518, p.AbsoluteOrbit);
        Assert.Equal(new DateOnly(2020, 5, 11), p.AcquisitionDate);
        Assert.Equal(Utc("2020-05-11T13:12:30.117289"), p.AscendingNodeTime);
        Assert.Equal(Utc("2020-05-11T13:51:17.603718"), p.StartTime);
        Assert.Equal(Utc("2020-05-11T13:51:44.564395"), p.StopTime);
        Assert.Equal(["IW1", "IW2", "IW3"], p.Swaths);
        Assert.All(p.Swaths, s => Assert.Equal(9, p.Bursts.Count(b => b.Swath == s)));
        Assert.Equal(27, p.Bursts.Count);
    }

    [Fact]
    public void Reads_track_64_ascending_with_only_iw2()
    {
        var p = Track64;
        Assert.Equal("S1A_IW_SLC__1SDV_20221016T015043_20221016T015111_045461_056FC0_6681", p.Id);
        Assert.Equal(64, p.RelativeOrbit);
        Assert.Equal('A', p.Pass);
        Assert.Equal(45461, p.AbsoluteOrbit);
        Assert.Equal(new DateOnly(2022, 10, 16), p.AcquisitionDate);
        Assert.Equal(Utc("2022-10-16T01:41:37.608240"), p.AscendingNodeTime);
        Assert.Equal(["IW2"], p.Swaths);
        Assert.Equal(9, p.Bursts.Count);
    }

    [Fact]
    public void Burst_times_come_from_the_burst_list_with_microseconds()
    {
        var first = Track71.Bursts.First(b => b.Swath == "IW1");
        Assert.Equal(0, first.Index);
        Assert.Equal(Utc("2020-05-11T13:51:19.418775"), first.AzimuthTime);
        Assert.Equal(DateTimeKind.Utc, first.AzimuthTime.Kind);
        Assert.Equal(23293, first.AnxId);
        Assert.Equal("71_23293_IW1", first.BurstId);

        var last = Track64.Bursts[^1];
        Assert.Equal(8, last.Index);
        Assert.Equal(Utc("2022-10-16T01:51:06.643679"), last.AzimuthTime);
        Assert.Equal("64_5690_IW2", last.BurstId);
    }

    [Fact]
    public void Annotated_esa_burst_ids_are_read_and_computed_ids_equal_them()
    {
        Assert.Equal(Enumerable.Range(135518, 9), Track64.Bursts.Select(b => b.AnnotatedEsaBurstId!.Value));
        Assert.All(Track64.Bursts, b => Assert.Equal(b.AnnotatedEsaBurstId, b.ComputedEsaBurstId));
        Assert.All(Track64.Bursts, b => Assert.Equal(b.AnnotatedEsaBurstId, b.EsaBurstId));
    }

    [Fact]
    public void Products_without_annotated_ids_fall_back_to_computed_ids()
    {
        Assert.All(Track71.Bursts, b => Assert.Null(b.AnnotatedEsaBurstId));
        Assert.All(Track71.Bursts, b => Assert.Equal(b.ComputedEsaBurstId, b.EsaBurstId));
        Assert.Equal(Enumerable.Range(151200, 9), Track71.Bursts.Where(b => b.Swath == "IW1").Select(b => b.EsaBurstId));
    }

    [Fact]
    public void Computed_esa_ids_lie_in_the_tracks_range_and_are_shared_across_swaths()
    {
        foreach (var p in new[] { Track71, Track64 })
        {
            var (first, last) = S1Files.BurstIdRanges[p.Track];
            Assert.All(p.Bursts, b => Assert.InRange(b.ComputedEsaBurstId, first, last));
            foreach (var swath in p.Swaths)
            {
                var ids = p.Bursts.Where(b => b.Swath == swath).Select(b => b.ComputedEsaBurstId).ToList();
                Assert.Equal(Enumerable.Range(ids[0], ids.Count), ids);
            }
        }

        // One ESA id names the IW1, IW2, IW3 bursts of one beam cycle, fired in that order within 2.76 s. This
        // slice starts mid-cycle: IW2 and IW3 begin in cycle 151199, IW1 only in the next one.
        Assert.Equal(Enumerable.Range(151199, 9), Track71.Bursts.Where(b => b.Swath == "IW2").Select(b => b.EsaBurstId));
        Assert.Equal(Enumerable.Range(151199, 9), Track71.Bursts.Where(b => b.Swath == "IW3").Select(b => b.EsaBurstId));
        foreach (var cycle in Track71.Bursts.GroupBy(b => b.EsaBurstId).Where(g => g.Count() == 3))
        {
            var ordered = cycle.OrderBy(b => b.AzimuthTime).ToList();
            Assert.Equal(["IW1", "IW2", "IW3"], ordered.Select(b => b.Swath));
            Assert.True((ordered[^1].AzimuthTime - ordered[0].AzimuthTime).TotalSeconds < EsaBurstId.BeamCycleSeconds);
        }
    }

    [Fact]
    public void Anx_ids_are_plausible_and_strictly_increasing_per_swath()
    {
        foreach (var p in new[] { Track71, Track64 })
        {
            foreach (var swath in p.Bursts.GroupBy(b => b.Swath))
            {
                var ids = swath.Select(b => b.AnxId).ToList();
                Assert.All(ids, id => Assert.InRange(id, 0, (int)(EsaBurstId.OrbitSeconds * 10)));
                // Consecutive bursts of a swath are one beam cycle (≈2.76 s) apart.
                Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 27, 28));
                Assert.All(swath, b => Assert.Equal($"{p.Track}_{b.AnxId}_{b.Swath}", b.BurstId));
            }
        }

        // Descending passes start after the northernmost point, a quarter orbit past the ascending node.
        Assert.All(Track71.Bursts, b => Assert.True(b.AnxId > EsaBurstId.OrbitSeconds * 10 / 4));
    }

    [Fact]
    public void Footprints_are_valid_wgs84_polygons_inside_the_product_footprint()
    {
        foreach (var p in new[] { Track71, Track64 })
        {
            Assert.Equal(4326, p.Footprint.SRID);
            Assert.True(p.Footprint.IsValid);
            Assert.Equal(5, p.Footprint.NumPoints);
            var envelope = p.Footprint.EnvelopeInternal;
            Assert.InRange(envelope.MinY, 30, 40); // California / Nevada: lat 33–39, lon −119…−115
            Assert.InRange(envelope.MaxX, -120, -114);

            var slightlyLarger = p.Footprint.Buffer(0.05);
            foreach (var b in p.Bursts)
            {
                Assert.Equal(4326, b.Footprint.SRID);
                Assert.True(b.Footprint.IsValid, b.BurstId);
                Assert.Equal(5, b.Footprint.NumPoints);
                Assert.True(b.Footprint.Area > 0.05, b.BurstId);
                Assert.True(slightlyLarger.Contains(b.Footprint), $"{b.BurstId} outside the product footprint");
                Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(b.Footprint.Shell.Coordinates), b.BurstId);
            }

            // Consecutive bursts of a swath share their boundary row of the geolocation grid.
            foreach (var swath in p.Bursts.GroupBy(b => b.Swath))
            {
                var bursts = swath.ToList();
                Assert.All(bursts.Zip(bursts.Skip(1)), pair => Assert.True(pair.First.Footprint.Touches(pair.Second.Footprint)
                                                                             || pair.First.Footprint.Intersects(pair.Second.Footprint)));
            }
        }
    }

    [Fact]
    public async Task Async_read_gives_the_same_product()
    {
        var p = await SafeProductReader.ReadAsync(TestData.Path(S1Files.Track71), CancellationToken.None);
        Assert.Equal(Track71.Id, p.Id);
        Assert.Equal(Track71.Bursts.Select(b => (b.BurstId, b.EsaBurstId)), p.Bursts.Select(b => (b.BurstId, b.EsaBurstId)));
        Assert.True(Track71.Footprint.EqualsExact(p.Footprint));
    }

    private static DateTime Utc(string iso) =>
        DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
}
