using SatDaemon.Database.Ingest.Safe;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Ingest;

public sealed class SafeProductValidationTests : IDisposable
{
    private const string Name64 = "S1A_IW_SLC__1SDV_20221016T015043_20221016T015111_045461_056FC0_6681";
    private readonly TempDirectory _temp = new();

    private static string Source => TestData.Path(S1Files.Track64);

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void Truncated_zip_is_rejected_as_corrupt(double fraction)
    {
        var path = TestZips.Truncate(Source, _temp.Path(Name64 + ".zip"), fraction);
        AssertRejected(path, "not a readable zip archive");
    }

    [Fact]
    public void File_that_is_not_a_zip_is_rejected_as_corrupt()
    {
        var path = _temp.Path(Name64 + ".zip");
        File.WriteAllText(path, "<html>404 Not Found</html>");
        AssertRejected(path, "not a readable zip archive");
    }

    [Fact]
    public void Missing_file_is_rejected()
    {
        AssertRejected(_temp.Path(Name64 + ".zip"), "file not found");
    }

    [Fact]
    public void Zip_without_manifest_is_rejected()
    {
        var path = TestZips.Rewrite(Source, _temp.Path("x.zip"), (name, text) => name.EndsWith("manifest.safe") ? null : (name, text));
        AssertRejected(path, "no manifest.safe");
    }

    [Fact]
    public void Zip_without_annotations_is_rejected()
    {
        var path = TestZips.Rewrite(Source, _temp.Path("x.zip"), (name, text) => name.Contains("/annotation/") ? null : (name, text));
        AssertRejected(path, "no IW SLC annotation");
    }

    [Fact]
    public void Product_named_as_grd_is_rejected_as_not_slc()
    {
        var grd = Name64.Replace("_SLC__", "_GRDH_");
        var path = TestZips.Rewrite(Source, _temp.Path(grd + ".zip"), (name, text) => (name.Replace(Name64, grd), text));
        AssertRejected(path, "not an SLC product");
    }

    [Fact]
    public void Manifest_with_another_product_type_is_rejected_as_not_slc()
    {
        var path = TestZips.Rewrite(Source, _temp.Path("x.zip"),
            (name, text) => (name, text.Replace("<s1sarl1:productType>SLC<", "<s1sarl1:productType>GRD<")));
        AssertRejected(path, "manifest.safe says product type GRD");
    }

    [Fact]
    public void Product_whose_name_is_not_sentinel1_is_rejected()
    {
        const string other = "S2A_MSIL1C_20200101T103431_N0208_R108_T32TQM_20200101T122121";
        var path = TestZips.Rewrite(Source, _temp.Path(other + ".zip"), (name, text) => (name.Replace(Name64, other), text));
        AssertRejected(path, "not a Sentinel-1 product name");
    }

    [Fact]
    public void Unparseable_manifest_is_rejected_naming_the_entry()
    {
        var path = TestZips.Rewrite(Source, _temp.Path("x.zip"),
            (name, text) => (name, name.EndsWith("manifest.safe") ? text[..(text.Length / 2)] : text));
        var e = AssertRejected(path, "is not well-formed XML");
        Assert.Contains("manifest.safe", e.Reason);
    }

    [Fact]
    public void Manifest_without_pass_is_rejected()
    {
        var path = TestZips.Rewrite(Source, _temp.Path("x.zip"),
            (name, text) => (name, text.Replace("<s1:pass>ASCENDING</s1:pass>", "")));
        AssertRejected(path, "manifest.safe has no <pass>");
    }

    [Fact]
    public async Task Async_read_reports_the_same_reasons()
    {
        var path = TestZips.Truncate(Source, _temp.Path(Name64 + ".zip"), 0.5);
        var e = await Assert.ThrowsAsync<SafeProductException>(() => SafeProductReader.ReadAsync(path));
        Assert.Contains("not a readable zip archive", e.Reason);
    }

    [Fact]
    public void Junk_entries_from_macos_and_side_folders_are_ignored()
    {
        var safe = Name64 + ".SAFE/";
        var path = TestZips.Rewrite(Source, _temp.Path("renamed-download.zip"), (name, text) => (name, text),
            ("__MACOSX/" + safe + "manifest.safe", "not xml"),
            ("__MACOSX/" + safe + "annotation/._s1a-iw1-slc-vv-x.xml", "not xml"),
            (safe + "annotation/._s1a-iw3-slc-vv-20221016t015044-20221016t015109-045461-056fc0-006.xml", "not xml"),
            (safe + ".DS_Store", "junk"),
            (safe + "annotation/rfi/rfi-s1a-iw1-slc-vv-20221016t015044-20221016t015109-045461-056fc0-004.xml", "<rfi/>"),
            (safe + "annotation/calibration/calibration-s1a-iw1-slc-vv-20221016t015044-20221016t015109-045461-056fc0-004.xml", "<c/>"));

        var p = SafeProductReader.Read(path);

        // The id comes from the .SAFE folder, not from the (renamed) zip.
        Assert.Equal(Name64, p.Id);
        Assert.Equal(["IW2"], p.Swaths);
        Assert.Equal(9, p.Bursts.Count);
    }

    // Another product's name (12 days and 175 orbits later) on this product's content.
    private const string Other64 = "S1A_IW_SLC__1SDV_20221028T015043_20221028T015111_045636_057550_1A2B";

    [Fact]
    public void A_zip_renamed_to_another_product_is_refused_naming_both()
    {
        // The zip and its .SAFE folder both renamed, so that only manifest.safe still tells the real product.
        const string real = "S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768";
        const string renamed = "S1A_IW_SLC__1SDV_20200523T135117_20200523T135144_032693_03C9A1_1B2C";
        var path = TestZips.Rewrite(TestData.Path(real + ".zip"), _temp.Path(renamed + ".zip"), (name, text) => (name.Replace(real, renamed), text));

        var e = AssertRejected(path, "a renamed product?");
        Console.WriteLine(e.Reason);
        Assert.Contains("start 2020-05-23T13:51:17, orbit 32693", e.Reason);
        Assert.Contains("manifest.safe says start 2020-05-11T13:51:17", e.Reason);
        Assert.Contains("orbit 32518", e.Reason);
    }

    [Fact]
    public void A_zip_named_as_another_product_than_its_safe_folder_is_refused()
    {
        var path = _temp.Path(Other64 + ".zip");
        File.Copy(Source, path);

        var e = AssertRejected(path, $"the zip is named {Other64} but holds {Name64}.SAFE");
        Console.WriteLine(e.Reason);
    }

    [Fact]
    public void The_real_products_agree_with_their_names()
    {
        foreach (var file in new[] { S1Files.Track64, "S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.zip" })
        {
            var p = SafeProductReader.Read(TestData.Path(file));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), p.Id);
        }
    }

    [Fact]
    public void Vv_annotation_is_preferred_when_both_polarisations_exist()
    {
        // Give the VH annotation of track 71 a different first burst time so we can tell which one was used.
        var path = TestZips.Rewrite(TestData.Path(S1Files.Track71), _temp.Path("x.zip"), (name, text) =>
            (name, name.Contains("/annotation/s1a-iw1-slc-vh") ? text.Replace("<azimuthTime>2020-05-11T13:51:19.418775", "<azimuthTime>2020-05-11T13:51:19.918775") : text));

        var p = SafeProductReader.Read(path);

        Assert.Equal("71_23293_IW1", p.Bursts.First(b => b.Swath == "IW1").BurstId);
    }

    private static SafeProductException AssertRejected(string path, string reasonFragment)
    {
        var e = Assert.Throws<SafeProductException>(() => SafeProductReader.Read(path));
        Assert.Contains(reasonFragment, e.Reason);
        Assert.StartsWith(Path.GetFullPath(path) + ": ", e.Message);
        Assert.Equal(Path.GetFullPath(path), e.FilePath);
        return e;
    }
}
