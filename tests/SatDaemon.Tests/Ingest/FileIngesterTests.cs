using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Ingest;
using SatDaemon.Database.Ingest.Safe;
using SatDaemon.Demo.Synthetic;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Ingest;

public sealed class FileIngesterTests(ITestOutputHelper output)
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Real_zips_ingest_with_their_bursts_and_esa_ids(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        // Any depth below T*/ counts.
        data.CopyReal("T071/2020/05", S1Files.Track71);
        data.CopyReal("T064", S1Files.Track64);

        var report = await new FileIngester(db.Factory).IngestAsync(data.Root);

        Assert.Equal((2, 2, 0, 0, 36), (report.Found, report.Added, report.AlreadyKnown, report.Rejected.Count, report.NewBursts));
        await using var ctx = db.Factory.Create();
        var bursts = await ctx.Bursts.AsNoTracking().ToListAsync();
        Assert.Equal(27, bursts.Count(b => b is { Track: 71, OrbitDirection: "D" }));
        Assert.Equal(9, bursts.Count(b => b is { Track: 64, OrbitDirection: "A", Swath: "IW2" }));
        var annotated = (await SafeProductReader.ReadAsync(TestData.Path(S1Files.Track64))).Bursts;
        Assert.Equal(annotated.Select(b => (b.BurstId, (int?)b.AnnotatedEsaBurstId!.Value)).Order(),
            bursts.Where(b => b.Track == 64).Select(b => (b.Id, b.EsaBurstId)).Order());
        Assert.All(bursts, b => Assert.NotNull(b.Geometry));

        var file71 = await ctx.Files.AsNoTracking().SingleAsync(f => f.Track == 71);
        Assert.Equal((S1Files.Track71[..^4], "D", new DateOnly(2020, 5, 11), 32518), (file71.Id, file71.OrbitDirection, file71.Date, file71.AbsoluteOrbit));
        Assert.Equal(Path.Combine(data.Root, "T071", "2020", "05", S1Files.Track71), file71.Abspath);
        Assert.Equal(36, await ctx.FilesToBursts.CountAsync());
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Second_ingest_adds_nothing_and_reads_no_zip(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.CopyReal("T064", S1Files.Track64);
        data.Dates64([1, 2]);
        await new FileIngester(db.Factory).IngestAsync(data.Root);

        var seen = new List<IngestProgress>();
        var again = await new FileIngester(db.Factory).IngestAsync(data.Root, new SyncProgress(seen.Add));

        Assert.Equal((3, 0, 3, 0, 0), (again.Found, again.Added, again.AlreadyKnown, again.Rejected.Count, again.NewBursts));
        // Known ids are skipped before parsing: the only progress report is the one for the skipped lot.
        Assert.Equal([new IngestProgress(3, 3, "")], seen);
        await using var ctx = db.Factory.Create();
        Assert.Equal((3, 9, 27), (await ctx.Files.CountAsync(), await ctx.Bursts.CountAsync(), await ctx.FilesToBursts.CountAsync()));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Frame_of_real_bursts_gets_its_files_by_fill_files_and_at_ingest(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.CopyReal("T064", S1Files.Track64);
        var ingester = new FileIngester(db.Factory);
        await ingester.IngestAsync(data.Root);
        var frames = new FrameManager(db.Factory);
        await frames.CreateAsync("064A_TEST_FRAME", ["64_5470_IW2", "64_5497_IW2", "64_5525_IW2"]);

        Assert.Equal(1, await frames.FillFilesAsync("064A_TEST_FRAME"));
        Assert.Equal(0, await frames.FillFilesAsync("064A_TEST_FRAME"));

        data.Dates64([1]);
        data.Synthetic64("T064", new SyntheticSafeOptions { CycleShift = 2, FirstBurst = 5 }); // misses the frame's bursts
        var report = await ingester.IngestAsync(data.Root);

        Assert.Equal((2, 1), (report.Added, report.FrameLinks));
        await using var ctx = db.Factory.Create();
        var linked = await ctx.FramesToFiles.Where(ff => ff.FrameId == "064A_TEST_FRAME").Select(ff => ff.FileId).ToListAsync();
        Assert.Equal(2, linked.Count);
        Assert.Contains(S1Files.Track64[..^4], linked);
        Assert.Equal(0, await frames.FillFilesAsync("064A_TEST_FRAME"));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Anx_jitter_of_one_tenth_matches_the_existing_bursts(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.CopyReal("T064", S1Files.Track64);
        await new FileIngester(db.Factory).IngestAsync(data.Root);
        // The node 0.1 s earlier puts every burst one tenth further from it: ANX ids one higher.
        var jittered = data.Synthetic64("T064", new SyntheticSafeOptions { CycleShift = 1, AscendingNodeOffset = TimeSpan.FromSeconds(-0.1) });
        var parsed = await SafeProductReader.ReadAsync(jittered);
        var original = (await SafeProductReader.ReadAsync(TestData.Path(S1Files.Track64))).Bursts;
        Assert.Equal(original.Select(b => b.AnxId + 1), parsed.Bursts.Select(b => b.AnxId));

        var report = await new FileIngester(db.Factory).IngestAsync(data.Root);

        Assert.Equal((1, 0), (report.Added, report.NewBursts));
        await using var ctx = db.Factory.Create();
        Assert.Equal(9, await ctx.Bursts.CountAsync());
        var linked = await ctx.FilesToBursts.Where(fb => fb.FileId == parsed.Id).Select(fb => fb.BurstId).ToListAsync();
        Assert.Equal(original.Select(b => b.BurstId).Order(), linked.Order());
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Bad_zips_are_rejected_with_reasons_while_good_ones_go_in(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        var good = data.CopyReal("T064", S1Files.Track64);
        data.Dates64([1]);
        var name = S1Files.Track64[..^4];
        var dir = data.Dir("T064/bad");
        var bad = new Dictionary<string, string>
        {
            [TestZips.Truncate(good, Path.Combine(dir, name.Replace("6681", "0001") + ".zip"), 0.5)] = "not a readable zip archive",
            [TestZips.Rewrite(good, Path.Combine(dir, "no-manifest.zip"), (n, t) => n.EndsWith("manifest.safe") ? null : (n, t))] = "no manifest.safe",
            [Renamed(good, Path.Combine(dir, "grd.zip"), name, name.Replace("_SLC__", "_GRDH_"))] = "not an SLC product",
            [Renamed(good, Path.Combine(dir, "s2.zip"), name, "S2A_MSIL1C_20200101T103431_N0208_R108_T32TQM_20200101T122121")] = "not a Sentinel-1 product name",
            [Copy(good, Path.Combine(data.Dir("T064/__MACOSX"), S1Files.Track64))] = "__MACOSX",
            [Copy(good, Path.Combine(data.Dir("T064"), "._" + S1Files.Track64))] = "AppleDouble",
        };

        var report = await new FileIngester(db.Factory).IngestAsync(data.Root);

        Assert.Equal((8, 2), (report.Found, report.Added));
        Assert.Equal(bad.Keys.Order(), report.Rejected.Select(r => r.FilePath).Order());
        Assert.All(report.Rejected, r => Assert.Contains(bad[r.FilePath], r.Reason));
        await using var ctx = db.Factory.Create();
        Assert.Equal(2, await ctx.Files.CountAsync());
    }

    [Fact]
    public async Task Missing_data_directory_is_an_error_not_an_empty_run()
    {
        await using var db = await IngestTestDb.CreateAsync(TestProvider.Sqlite);
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => new FileIngester(db.Factory).IngestAsync(db.Temp.Path("nope")));
    }

    [Fact]
    public async Task Two_hundred_dates_ingest_in_one_run_and_the_rate_is_printed()
    {
        await using var db = await IngestTestDb.CreateAsync(TestProvider.Sqlite);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.Dates64(Enumerable.Range(1, 200));
        var seen = new List<IngestProgress>();

        var clock = Stopwatch.StartNew();
        var report = await new FileIngester(db.Factory).IngestAsync(data.Root, new SyncProgress(seen.Add));
        clock.Stop();

        Assert.Equal((200, 200, 9), (report.Found, report.Added, report.NewBursts));
        Assert.Equal(Enumerable.Range(0, 201), seen.Select(p => p.Done));
        output.WriteLine($"ingested {report.Added} zips in {clock.Elapsed.TotalSeconds:F2} s: {report.Added / clock.Elapsed.TotalSeconds:F0} zips/s (SQLite, {Environment.ProcessorCount} readers)");
    }

    private static string Renamed(string source, string destination, string from, string to) =>
        TestZips.Rewrite(source, destination, (n, t) => (n.Replace(from, to), t));

    private static string Copy(string source, string destination)
    {
        File.Copy(source, destination);
        return destination;
    }

    /// <summary>Records reports as they happen (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
