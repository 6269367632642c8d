using SatDaemon.Configuration;
using SatDaemon.Database.Versions;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Versions;

/// <summary>How versions compare (the examples) and how job exec finds a job type's version from the config.</summary>
public sealed class SoftwareVersionTextFacts
{
    [Theory]
    [InlineData("1.9", "1.10", true)]   // the issue: 1.10 is newer than 1.9
    [InlineData("1.10", "1.9", false)]
    [InlineData("1.0", "2.0", true)]
    [InlineData("2", "2.0", false)]     // equal, so not older
    [InlineData("v1.2", "1.10", true)]
    [InlineData("abc", "abd", true)]    // text: ordinal
    public void Versions_compare_as_versions(string version, string than, bool older) =>
        Assert.Equal(older, SoftwareVersionOrder.Older(version, than));

    [Fact]
    public void A_non_numeric_version_is_told_apart()
    {
        Assert.True(SoftwareVersionOrder.IsNumeric("2.3.1"));
        Assert.False(SoftwareVersionOrder.IsNumeric("2.0-beta"));
    }

    [Fact]
    public void Version_file_is_read_at_resolve_and_a_missing_one_is_a_problem_not_a_stop()
    {
        using var temp = new TempDirectory();
        var software = temp.Path("software");
        Directory.CreateDirectory(software);
        var config = new ConfigText();
        config.Set("PARAMETERS", "software_dir", software);
        config.Set("JOB:coreg", "version_file", "{software_dir}/VERSION");
        config.Set("JOB:download", "version", "2.3.1");
        var path = temp.Path("satdaemon.cfg");
        File.WriteAllText(path, config.ToString());
        var loaded = ConfigLoader.Load(path);

        var missing = SoftwareVersionText.Resolve(loaded, "coreg");
        Assert.Null(missing.Version);
        Assert.Contains(Path.Combine(software, "VERSION"), missing.Problem);
        File.WriteAllText(Path.Combine(software, "VERSION"), "1.10\nbuilt yesterday\n");
        Assert.Equal(("1.10", (string?)null), SoftwareVersionText.Resolve(loaded, "coreg"));
        Assert.Equal(("2.3.1", (string?)null), SoftwareVersionText.Resolve(loaded, "download"));
        Assert.Equal(((string?)null, (string?)null), SoftwareVersionText.Resolve(loaded, "slc"));
    }

    [Fact]
    public void Version_and_version_file_together_are_a_config_error()
    {
        using var temp = new TempDirectory();
        var config = new ConfigText();
        config.Set("JOB:coreg", "version", "1.0");
        config.Set("JOB:coreg", "version_file", "{software_dir}/VERSION");
        var path = temp.Path("satdaemon.cfg");
        File.WriteAllText(path, config.ToString());
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        Assert.Contains("JOB:coreg", e.Message);
        Assert.Contains("version", e.Message);
    }
}
