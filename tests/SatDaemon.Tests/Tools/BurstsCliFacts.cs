using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using SatDaemon.Database.Ingest;
using SatDaemon.Database.Ingest.Safe;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Ingest;
using SatDaemon.Tools;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Tools;

/// <summary>
/// satdaemon-tools bursts list|export on the bursts of the two real products. Expected ids and outlines come from the zips
/// (the SAFE reader on the test data), the exported files are read back with this file's own readers: GeoJSON with
/// JsonDocument, the shapefile byte by byte after the ESRI Shapefile Technical Description (big-endian file code and
/// lengths, little-endian version, type and box; .shx 100 + 8 bytes per record; dBASE III record count and fields).
/// </summary>
public sealed class BurstsCliFacts(ITestOutputHelper output)
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task List_filters_by_track_swath_and_box(TestProvider provider)
    {
        await using var bed = await BedAsync(provider);
        var t64 = await SafeProductReader.ReadAsync(TestData.Path(S1Files.Track64));

        Assert.Equal(27, (await ListJsonAsync(bed, "--track", "71")).Count);
        Assert.Equal(9, (await ListJsonAsync(bed, "--track", "71", "--swath", "iw1")).Count);
        Assert.Equal(t64.Bursts.Select(b => b.BurstId).Order(StringComparer.Ordinal), (await ListJsonAsync(bed, "--track", "64")).Order(StringComparer.Ordinal));
        // A box of 1/100 degree around the middle of the fifth burst of track 64 touches that burst alone.
        var fifth = t64.Bursts.OrderBy(b => b.AnxId).ElementAt(4);
        var c = fifth.Footprint.Centroid;
        var box = FormattableString.Invariant($"{c.X - 0.005},{c.Y - 0.005},{c.X + 0.005},{c.Y + 0.005}");
        Assert.Equal([fifth.BurstId], await ListJsonAsync(bed, "--bbox", box));
        Assert.Empty(await ListJsonAsync(bed, "--bbox", "-10,-10,-9,-9"));

        var (code, stdout, _) = await bed.RunAsync("bursts", "list", "--track", "64");
        output.WriteLine(stdout);
        Assert.Equal(0, code);
        Assert.Contains(fifth.BurstId, stdout);
        Assert.EndsWith("9 bursts", stdout.TrimEnd());
    }

    [Theory]
    [InlineData("--bbox", "1,2,3", "expected W,S,E,N")]
    [InlineData("--bbox", "10,50,9,51", "west must be less than east")]
    [InlineData("--bbox", "10,50,11,95", "latitudes in -90..90")]
    [InlineData("--swath", "EW1", "expected IW1, IW2 or IW3")]
    [InlineData("--track", "176", "1-175")]
    public async Task A_bad_filter_exits_2_with_one_line(string option, string value, string message)
    {
        await using var bed = await BedAsync(TestProvider.Sqlite);
        var (code, stdout, stderr) = await bed.RunAsync("bursts", "list", option, value);
        output.WriteLine(stderr);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", stdout);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task GeoJson_export_holds_every_burst_outline_as_the_zip_has_it(TestProvider provider)
    {
        await using var bed = await BedAsync(provider);
        var t71 = await SafeProductReader.ReadAsync(TestData.Path(S1Files.Track71));
        var path = bed.Temp.Path("t71.geojson");

        var (code, stdout, stderr) = await bed.RunAsync("bursts", "export", "--format", "geojson", "-o", path, "--track", "71");
        output.WriteLine(stdout + stderr);
        Assert.Equal(0, code);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        output.WriteLine($"{features.Count} features");
        Assert.Equal(27, features.Count);
        var expected = t71.Bursts.ToDictionary(b => b.BurstId);
        foreach (var f in features)
        {
            var id = f.GetProperty("properties").GetProperty("id").GetString()!;
            Assert.Equal(71, f.GetProperty("properties").GetProperty("track").GetInt32());
            var ring = f.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray()
                .Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray();
            Assert.Equal(ring[0], ring[^1]); // RFC 7946: a closed ring
            var zipOutline = expected[id].Footprint.EnvelopeInternal;
            var written = new Envelope(ring[0]);
            foreach (var p in ring) written.ExpandToInclude(p);
            // Written to 7 decimals (about 1 cm).
            Assert.Equal(zipOutline.MinX, written.MinX, tolerance: 1e-7);
            Assert.Equal(zipOutline.MaxY, written.MaxY, tolerance: 1e-7);
        }
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), features.Select(f => f.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Shapefile_export_reads_back_by_the_esri_description(TestProvider provider)
    {
        await using var bed = await BedAsync(provider);
        var t64 = await SafeProductReader.ReadAsync(TestData.Path(S1Files.Track64));
        var shp = bed.Temp.Path("t64.shp");

        var (code, stdout, stderr) = await bed.RunAsync("bursts", "export", "--format", "shapefile", "--out", shp, "--track", "64");
        output.WriteLine(stdout + stderr);
        Assert.Equal(0, code);

        var bytes = await File.ReadAllBytesAsync(shp);
        var shx = await File.ReadAllBytesAsync(Path.ChangeExtension(shp, ".shx"));
        var dbf = await File.ReadAllBytesAsync(Path.ChangeExtension(shp, ".dbf"));
        output.WriteLine($".shp {bytes.Length} bytes, .shx {shx.Length} bytes, .dbf {dbf.Length} bytes");
        // Main file header: file code 9994 and length in 16-bit words big-endian; version 1000 and shape type little-endian.
        Assert.Equal(9994, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(0)));
        Assert.Equal(bytes.Length / 2, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(24)));
        Assert.Equal(1000, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(28)));
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(32))); // 5 = Polygon
        // The header's box is the union of the nine burst outlines of the zip.
        var union = new Envelope();
        foreach (var b in t64.Bursts) union.ExpandToInclude(b.Footprint.EnvelopeInternal);
        double At(int offset) => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(offset));
        Assert.Equal((union.MinX, union.MinY, union.MaxX, union.MaxY), (Math.Round(At(36), 6), Math.Round(At(44), 6), Math.Round(At(52), 6), Math.Round(At(60), 6)),
            new RoundedTupleComparer(6));

        // Records: 8-byte big-endian header (number from 1, content length in words), walked to the end of the file.
        var records = 0;
        for (var pos = 100; pos < bytes.Length; records++)
        {
            Assert.Equal(records + 1, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos)));
            Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos + 8)));
            pos += 8 + 2 * BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos + 4));
        }
        Assert.Equal(9, records);
        Assert.Equal(100 + 8 * 9, shx.Length);
        Assert.Equal(shx.Length / 2, BinaryPrimitives.ReadInt32BigEndian(shx.AsSpan(24)));

        // dBASE: record count at 4, header and record lengths at 8 and 10, 32-byte field descriptors from 32 to 0x0D.
        Assert.Equal(9u, BinaryPrimitives.ReadUInt32LittleEndian(dbf.AsSpan(4)));
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(8)), recordLength = BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(10));
        var fields = new List<(string Name, int Length)>();
        for (var pos = 32; dbf[pos] != 0x0D; pos += 32)
            fields.Add((Encoding.ASCII.GetString(dbf, pos, 11).TrimEnd('\0'), dbf[pos + 16]));
        Assert.Equal(["id", "track", "direction", "swath", "anx_id", "esa_id"], fields.Select(f => f.Name));
        var ids = Enumerable.Range(0, 9).Select(i => Encoding.ASCII.GetString(dbf, headerLength + i * recordLength + 1, fields[0].Length).Trim()).ToList();
        Assert.Equal(t64.Bursts.Select(b => b.BurstId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Contains("GCS_WGS_1984", await File.ReadAllTextAsync(Path.ChangeExtension(shp, ".prj")));

        // A second export to the same place is refused: the files are not the command's to delete.
        var before = File.GetLastWriteTimeUtc(shp);
        var again = await bed.RunAsync("bursts", "export", "--format", "shapefile", "--out", shp);
        Assert.Equal(2, again.Code);
        Assert.Contains("already exists; use --force", again.Stderr);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(shp));
        Assert.Equal(before, File.GetLastWriteTimeUtc(shp));
        Assert.Equal(0, (await bed.RunAsync("bursts", "export", "--format", "shapefile", "--out", shp, "--force")).Code);
    }

    private static async Task<List<string>> ListJsonAsync(Bed bed, params string[] filters)
    {
        var (code, stdout, stderr) = await bed.RunAsync(["bursts", "list", "--json", .. filters]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<Bed> BedAsync(TestProvider provider)
    {
        var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.CopyReal("T071", S1Files.Track71);
        data.CopyReal("T064", S1Files.Track64);
        await new FileIngester(db.Factory).IngestAsync(data.Root);
        var config = db.Temp.Path("satdaemon.cfg");
        await File.WriteAllTextAsync(config, new ConfigText(db.Url, 1, db.Temp.Path("proc"), data.Root).ToString());
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new Bed(db, config);
    }

    private sealed class Bed(IngestTestDb db, string config) : IAsyncDisposable
    {
        public TempDirectory Temp => db.Temp;

        /// <summary>The real command line in-process: parser, ToolRunner and command, with this bed's config.</summary>
        public async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            var code = await ToolsProgram.RunAsync([.. args, "-d", config], o, e);
            return (code, o.ToString(), e.ToString());
        }

        public ValueTask DisposeAsync() => db.DisposeAsync();
    }

    private sealed class RoundedTupleComparer(int digits) : IEqualityComparer<(double, double, double, double)>
    {
        public bool Equals((double, double, double, double) a, (double, double, double, double) b) =>
            R(a.Item1) == R(b.Item1) && R(a.Item2) == R(b.Item2) && R(a.Item3) == R(b.Item3) && R(a.Item4) == R(b.Item4);

        public int GetHashCode((double, double, double, double) t) => 0;

        private double R(double x) => Math.Round(x, digits);
    }
}
