using SatDaemon.Configuration;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Configuration;

/// <summary>Durations and numbers out of range stop loading with a config error, never an OverflowException.</summary>
public class ConfigRangeFacts
{
    [Theory]
    [InlineData("PARAMETERS", "poll_interval", "1e15d")]
    [InlineData("PARAMETERS", "poll_interval", "1e300")]
    [InlineData("PARAMETERS", "kill_grace", "1e15d")]
    [InlineData("PARAMETERS", "job_start_timeout", "99999999999999h")]
    [InlineData("JOB:download", "timeout", "1e15d")]
    public void Duration_too_long_for_a_timespan_is_out_of_range(string section, string key, string value)
    {
        ConfigAssert.Error(new ConfigText().Set(section, key, value), section, key, $"'{value}' is out of range");
    }

    [Theory]
    [InlineData("PARAMETERS", "poll_interval", "0", "between 1s and 1h")]
    [InlineData("PARAMETERS", "poll_interval", "0.2s", "between 1s and 1h")]
    [InlineData("PARAMETERS", "poll_interval", "2h", "between 1s and 1h")]
    [InlineData("PARAMETERS", "kill_grace", "0", "between 1s and 1h")]
    [InlineData("PARAMETERS", "kill_grace", "2h", "between 1s and 1h")]
    [InlineData("PARAMETERS", "job_start_timeout", "0s", "between 1s and 1h")]
    [InlineData("PARAMETERS", "job_start_timeout", "1d", "between 1s and 1h")]
    [InlineData("PARAMETERS", "ingest_interval", "30s", "between 1m and 7d")]
    [InlineData("PARAMETERS", "ingest_interval", "8d", "between 1m and 7d")]
    [InlineData("JOB:slc", "timeout", "0", "between 1s and 365d")]
    [InlineData("JOB:slc", "timeout", "400d", "between 1s and 365d")]
    public void Duration_outside_its_bounds_names_them(string section, string key, string value, string bounds)
    {
        ConfigAssert.Error(new ConfigText().Set(section, key, value), section, key, $"'{value}' is out of range (must be {bounds})");
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("infinity")]
    [InlineData("30x")]
    public void Duration_that_is_no_number_is_not_a_duration(string value)
    {
        ConfigAssert.Error(new ConfigText().Set("PARAMETERS", "poll_interval", value), "PARAMETERS", "poll_interval", "is not a duration");
    }

    [Fact]
    public void Durations_at_their_bounds_load()
    {
        var text = new ConfigText()
            .Set("PARAMETERS", "poll_interval", "1s")
            .Set("PARAMETERS", "kill_grace", "1h")
            .Set("PARAMETERS", "job_start_timeout", "60m")
            .Set("JOB:slc", "timeout", "365d");

        var config = ConfigLoader.Parse(ConfigAssert.Path, text);

        Assert.Equal(TimeSpan.FromSeconds(1), config.Parameters.PollInterval);
        Assert.Equal(TimeSpan.FromHours(1), config.Parameters.KillGrace);
        Assert.Equal(TimeSpan.FromHours(1), config.Parameters.JobStartTimeout);
        Assert.Equal(TimeSpan.FromDays(365), config.JobType("slc").Timeout);
    }

    [Theory]
    [InlineData("6", 6)]
    [InlineData("0", 0)]
    [InlineData("off", null)]
    [InlineData("", null)]
    public void Digest_hour_is_a_utc_hour_or_off(string value, int? hour)
    {
        var config = ConfigLoader.Parse(ConfigAssert.Path, new ConfigText().Set("TEAMS", "digest_hour", value));

        Assert.Equal(hour, config.Teams.DigestHour);
    }

    [Fact]
    public void Digest_hour_24_is_refused_naming_the_key() =>
        ConfigAssert.Error(new ConfigText().Set("TEAMS", "digest_hour", "24"), "TEAMS", "digest_hour", "must be 0-23 (got 24)");

    [Theory]
    [InlineData("15m", 15 * 60.0)]
    [InlineData("", null)]
    public void Ingest_interval_is_off_unless_set(string value, double? seconds)
    {
        var config = ConfigLoader.Parse(ConfigAssert.Path, new ConfigText().Set("PARAMETERS", "ingest_interval", value));

        Assert.Equal(seconds, config.Parameters.IngestInterval?.TotalSeconds);
    }

    [Theory]
    [InlineData("PROC_MACHINES:m01", "cpus", "99999999999", "1-1048576")]
    [InlineData("PROC_MACHINES:m01", "port", "-99999999999", "1-65535")]
    [InlineData("JOB:slc", "retries", "2147483648", "0-100")]
    [InlineData("JOB:slc", "max_running", "+99999999999999999999999", "at least 1")]
    [InlineData("PARAMETERS", "rsar_connections", "4294967296", "at least 1")]
    public void Whole_number_too_big_for_an_int_is_out_of_range_not_a_word(string section, string key, string value, string range)
    {
        var e = ConfigAssert.Error(new ConfigText().Set(section, key, value), section, key, $"'{value}' is out of range (must be {range})");

        Assert.DoesNotContain("not a whole number", e.Message);
    }

    [Theory]
    [InlineData("PROC_MACHINES:m01", "port", "70000", "must be 1-65535 (got 70000)")]
    [InlineData("PROC_MACHINES:m01", "disk", "0", "must be 1-100 (got 0)")]
    [InlineData("PROC_MACHINES:m01", "cpus", "0", "must be 1-1048576 (got 0)")]
    [InlineData("JOB:slc", "disk", "101", "must be 0-100 (got 101)")]
    [InlineData("JOB:slc", "cpus", "-1", "must be 0-1048576 (got -1)")]
    [InlineData("JOB:slc", "memory", "-2", "must not be negative")]
    [InlineData("JOB:slc", "retries", "101", "must be 0-100 (got 101)")]
    [InlineData("JOB:slc", "max_running", "0", "must be at least 1 (got 0)")]
    [InlineData("PARAMETERS", "rsar_connections", "0", "must be at least 1 (got 0)")]
    [InlineData("PARAMETERS", "parallel_machines", "0", "must be 1-256 (got 0)")]
    [InlineData("PARAMETERS", "parallel_machines", "257", "must be 1-256 (got 257)")]
    public void Whole_number_outside_its_range_is_named_with_the_range(string section, string key, string value, string problem)
    {
        ConfigAssert.Error(new ConfigText().Set(section, key, value), section, key, problem);
    }

    [Fact]
    public void Memory_too_big_for_a_double_is_out_of_range()
    {
        ConfigAssert.Error(new ConfigText().Set("PROC_MACHINES:m01", "memory", "1e999"), "PROC_MACHINES:m01", "memory", "'1e999' is out of range");
    }

    // A petabyte (1024 * 1024 GB) and a million cores are beyond any machine or cluster share; 1e308 GB printed as a
    // 309-digit budget in ctl status.
    [Theory]
    [InlineData("PROC_MACHINES:m01", "memory", "1e308", "'1e308' is out of range (at most 1048576)")]
    [InlineData("PROC_MACHINES:m01", "memory", "1048577", "'1048577' is out of range (at most 1048576)")]
    [InlineData("JOB:slc", "memory", "1e308", "'1e308' is out of range (at most 1048576)")]
    [InlineData("PROC_MACHINES:m01", "cpus", "2000000", "must be 1-1048576 (got 2000000)")]
    [InlineData("JOB:slc", "cpus", "2000000", "must be 0-1048576 (got 2000000)")]
    public void Machine_and_job_type_figures_beyond_any_machine_are_out_of_range(string section, string key, string value, string problem)
    {
        ConfigAssert.Error(new ConfigText().Set(section, key, value), section, key, problem);
    }

    [Fact]
    public void A_petabyte_machine_is_still_accepted()
    {
        var config = ConfigLoader.Parse(ConfigAssert.Path, new ConfigText().Set("PROC_MACHINES:m01", "memory", "1048576").Set("PROC_MACHINES:m01", "cpus", "1048576"));
        var m = config.Machines.Single(x => x.Name == "m01");
        Assert.Equal((1048576.0, 1048576), (m.Memory, m.Cpus));
    }

    [Fact]
    public void Job_type_holding_no_cpus_memory_or_disk_is_refused()
    {
        var text = new ConfigText().Set("JOB:coreg", "cpus", "0").Set("JOB:coreg", "memory", "0").Set("JOB:coreg", "disk", "0");

        ConfigAssert.Error(text, "JOB:coreg", null, "cpus, memory and disk are all 0");
    }

    [Theory]
    [InlineData("1", "0", "0")]
    [InlineData("0", "0.5", "0")]
    [InlineData("0", "0", "1")]
    public void Job_type_holding_any_one_budget_loads(string cpus, string memory, string disk)
    {
        var text = new ConfigText().Set("JOB:coreg", "cpus", cpus).Set("JOB:coreg", "memory", memory).Set("JOB:coreg", "disk", disk);

        var coreg = ConfigLoader.Parse(ConfigAssert.Path, text).JobType("coreg");

        Assert.Equal(int.Parse(cpus) + double.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(disk), coreg.Cpus + coreg.Memory + coreg.Disk);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("1.5m", 90)]
    [InlineData("6h", 6 * 3600)]
    [InlineData("2D", 2 * 86400)]
    public void Duration_parser_reads_every_unit(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("1e15d")]
    [InlineData("1e300s")]
    [InlineData("nan")]
    [InlineData("-1s")]
    public void Duration_parser_refuses_what_no_timespan_holds_without_throwing(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }
}
