using SatDaemon.Database.Ingest.Safe;

namespace SatDaemon.Tests.Ingest;

public class S1ProductNameTests
{
    [Fact]
    public void Parses_every_part_of_an_slc_name()
    {
        var name = S1ProductName.Parse("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768");

        Assert.Equal("S1A", name.Mission);
        Assert.Equal("IW", name.Mode);
        Assert.Equal("SLC", name.ProductType);
        Assert.Equal('_', name.Resolution);
        Assert.Equal('1', name.Level);
        Assert.Equal('S', name.ProductClass);
        Assert.Equal("DV", name.Polarisation);
        Assert.Equal(new DateTime(2020, 5, 11, 13, 51, 17, DateTimeKind.Utc), name.Start);
        Assert.Equal(DateTimeKind.Utc, name.Start.Kind);
        Assert.Equal(new DateTime(2020, 5, 11, 13, 51, 44, DateTimeKind.Utc), name.Stop);
        Assert.Equal(32518, name.AbsoluteOrbit);
        Assert.Equal("03C421", name.DatatakeId);
        Assert.Equal(0x03C421, name.DatatakeNumber);
        Assert.Equal("7768", name.UniqueId);
        Assert.Equal("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768", name.Id);
    }

    [Theory]
    [InlineData("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.zip")]
    [InlineData("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.SAFE")]
    [InlineData("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.SAFE.zip")]
    [InlineData("/data/T71/S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.zip")]
    [InlineData("safe/S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768.SAFE/")]
    public void Strips_paths_and_extensions_from_the_id(string input)
    {
        Assert.Equal("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768", S1ProductName.Parse(input).Id);
    }

    [Theory]
    [InlineData("S1B_IW_GRDH_1SDV_20210101T060000_20210101T060025_025000_02FABC_1A2B", "S1B", "GRD", 'H')]
    [InlineData("S1C_IW_SLC__1SDV_20250401T120000_20250401T120027_001234_0012AB_FFFF", "S1C", "SLC", '_')]
    [InlineData("S1D_EW_GRDM_1SDH_20251101T000000_20251101T000100_000100_000ABC_0000", "S1D", "GRD", 'M')]
    public void Parses_other_missions_and_product_types(string input, string mission, string type, char resolution)
    {
        var name = S1ProductName.Parse(input);
        Assert.Equal(mission, name.Mission);
        Assert.Equal(type, name.ProductType);
        Assert.Equal(resolution, name.Resolution);
        Assert.Equal(input, name.Id);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("S2A_MSIL1C_20200101T103431_N0208_R108_T32TQM_20200101T122121", "not a Sentinel-1")]
    [InlineData("S1E_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768", "not a Sentinel-1")]
    [InlineData("LC08_L1TP_042034_20200511_20200526_01_T1", "not a Sentinel-1")]
    [InlineData("S1A_IW_SLC__1SDV_20200511T135117_032518_03C421_7768", "naming convention")]
    [InlineData("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03c421_7768", "naming convention")]
    [InlineData("S1A_XX_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768", "naming convention")]
    [InlineData("S1A_IW_SLC__1SDV_20201311T135117_20201311T135144_032518_03C421_7768", "invalid start or stop")]
    [InlineData("S1A_IW_SLC__1SDV_20200511T135144_20200511T135117_032518_03C421_7768", "stops before it starts")]
    public void Rejects_bad_names_with_a_reason(string input, string reasonFragment)
    {
        Assert.False(S1ProductName.TryParse(input, out var result, out var reason));
        Assert.Null(result);
        Assert.Contains(reasonFragment, reason, StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => S1ProductName.Parse(input));
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void With_copy_rebuilds_the_id()
    {
        var name = S1ProductName.Parse("S1A_IW_SLC__1SDV_20200511T135117_20200511T135144_032518_03C421_7768");
        var shifted = name with { Start = name.Start.AddDays(12), Stop = name.Stop.AddDays(12), AbsoluteOrbit = 32693 };
        Assert.Equal("S1A_IW_SLC__1SDV_20200523T135117_20200523T135144_032693_03C421_7768", shifted.Id);
    }
}
