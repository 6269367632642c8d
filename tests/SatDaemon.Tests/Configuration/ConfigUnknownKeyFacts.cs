using System.Text.RegularExpressions;
using SatDaemon.Configuration;
using SatDaemon.Demo;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Configuration;

/// <summary>A section or key the loader does not read stops start-up, named with file, section, key and line, and the nearest known name.</summary>
public class ConfigUnknownKeyFacts
{
    [Theory]
    [InlineData("PARAMETERS", "poll_interval", "pol_interval", "did you mean poll_interval?")]
    [InlineData("PARAMETERS", "kill_grace", "kill_grace_time", "did you mean kill_grace?")]
    [InlineData("PARAMETERS", "job_start_timeout", "job_start_timout", "did you mean job_start_timeout?")]
    [InlineData("PROC_MACHINES:m01", "cpus", "cpu", "did you mean cpus?")]
    [InlineData("PROC_MACHINES:m01", "known_hosts", "knownhosts", "did you mean known_hosts?")]
    [InlineData("PROC_MACHINES", "names", "name", "did you mean names?")]
    [InlineData("JOB:slc", "timeout", "timout", "did you mean timeout?")]
    [InlineData("JOB:slc", "retries", "retires", "did you mean retries?")]
    public void Misspelt_key_is_named_with_the_key_meant(string section, string meant, string typo, string hint)
    {
        var text = new ConfigText().Remove(section, meant).Set(section, typo, "3");

        ConfigAssert.Error(text, section, typo, "unknown key on line ");
        ConfigAssert.Error(text, section, typo, hint);
    }

    [Fact]
    public void Key_far_from_every_known_one_lists_the_keys_of_its_section()
    {
        var e = ConfigAssert.Error(new ConfigText().Set("JOB:coreg", "frobnicate", "yes"), "JOB:coreg", "frobnicate", "unknown key");

        Assert.Contains("keys of this section: cpus, memory, disk, command, outputs, max_running, timeout, retries", e.Message);
        Assert.DoesNotContain("did you mean", e.Message);
    }

    [Fact]
    public void Key_of_a_later_version_is_refused_rather_than_ignored()
    {
        // A budget this loader does not know (GPUs): a machine run without the limit its operator wrote would surprise.
        // (It was ingest_interval, then the Slurm key partition, until issues 19 and 17 made the loader read them.)
        ConfigAssert.Error(new ConfigText().Set("PROC_MACHINES:m01", "gpus", "2"), "PROC_MACHINES:m01", "gpus", "unknown key");
    }

    [Fact]
    public void Machine_key_in_a_job_section_is_refused()
    {
        ConfigAssert.Error(new ConfigText().Set("JOB:slc", "host", "proc01"), "JOB:slc", "host", "unknown key");
    }

    [Fact]
    public void Unknown_key_is_found_on_its_line()
    {
        var text = new ConfigText().Set("PARAMETERS", "pol_interval", "5").ToString();
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("pol_interval", StringComparison.Ordinal)) + 1;

        ConfigAssert.Error(text, "PARAMETERS", "pol_interval", $"unknown key on line {line};");
    }

    [Theory]
    [InlineData("PARAMETER", "did you mean [PARAMETERS]?")]
    [InlineData("PROC_MACHINE:m02", "did you mean [PROC_MACHINES:m02]?")]
    [InlineData("JOBS:slc", "did you mean [JOB:slc]?")]
    [InlineData("JOB", "did you mean [JOB:type]?")]
    [InlineData("SLURM", "sections: [PARAMETERS], [PROC_MACHINES], [PROC_MACHINES:name], [JOB:type], [WEB]")]
    [InlineData("WBE", "did you mean [WEB]?")]
    [InlineData("JOB:a:b", "sections: [PARAMETERS]")]
    public void Unknown_section_is_named_with_the_section_meant(string section, string hint)
    {
        var e = ConfigAssert.Error(new ConfigText().Set(section, "cpus", "1"), section, null, "unknown section on line ");

        Assert.Contains(hint, e.Message);
    }

    [Fact]
    public void Key_before_any_section_is_refused()
    {
        var e = ConfigAssert.Refused("database = sqlite:///x.db\n" + new ConfigText());

        Assert.Null(e.Section);
        Assert.Contains("'database' on line 1 is outside any [section]", e.Message);
    }

    [Fact]
    public void Machine_section_not_listed_in_names_is_checked_too()
    {
        var text = new ConfigText().Set("PROC_MACHINES:spare", "cpu", "4");

        ConfigAssert.Error(text, "PROC_MACHINES:spare", "cpu", "did you mean cpus?");
    }

    [Fact]
    public void Sections_and_keys_are_matched_ignoring_case_as_the_loader_reads_them()
    {
        var text = new ConfigText().Remove("PARAMETERS", "poll_interval").Set("PARAMETERS", "Poll_Interval", "5").ToString()
            .Replace("[JOB:slc]", "[job:slc]", StringComparison.Ordinal);

        var config = ConfigLoader.Parse(ConfigAssert.Path, text);

        Assert.Equal(TimeSpan.FromSeconds(5), config.Parameters.PollInterval);
        Assert.True(config.JobTypes.ContainsKey("slc"));
    }

    [Fact]
    public void Unknown_key_is_reported_before_the_key_it_replaced_is_missed()
    {
        // "cpu = 4" instead of "cpus = 4": the typo is the cause, "cpus is missing" would send the operator looking elsewhere.
        ConfigAssert.Error(new ConfigText().Remove("JOB:slc", "cpus").Set("JOB:slc", "cpu", "4"), "JOB:slc", "cpu", "did you mean cpus?");
    }

    [Fact]
    public void Every_known_key_is_documented_in_the_shipped_config()
    {
        var shipped = File.ReadAllText(RepoPaths.ShippedConfig);
        string[] all = [.. ConfigSchema.ParameterKeys, .. ConfigSchema.MachineListKeys, .. ConfigSchema.MachineKeys, .. ConfigSchema.JobTypeKeys];

        Assert.All(all, key => Assert.Matches(new Regex($@"^;?\s*{key}\s*=", RegexOptions.Multiline), shipped));
    }

    [Fact]
    public void Demo_config_loads()
    {
        using var dir = new TempDirectory();
        var workspace = new DemoWorkspace(dir.Path("demo"), "/opt/satdaemon/satdaemon-tools.dll");
        workspace.Create();

        var config = ConfigLoader.Load(workspace.ConfigPath);

        Assert.Equal(ConfigText.DefaultJobTypes.Order(), config.JobTypes.Keys.Order());
    }
}
