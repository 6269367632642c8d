using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Configuration;

/// <summary>Every [JOB:type] command and outputs template is split and its placeholders checked when the config loads.</summary>
public class ConfigTemplateFacts
{
    [Theory]
    [InlineData("{software_dir}/make_slc.py --frame '{frame}", "unterminated single quote")]
    [InlineData("{software_dir}/make_slc.py --label \"half {frame}", "unterminated double quote")]
    [InlineData("{software_dir}/make_slc.py --frame {frame} \\", "ends with a backslash")]
    public void Command_that_cannot_be_split_into_words_is_named(string command, string problem)
    {
        ConfigAssert.Error(new ConfigText().Set("JOB:slc", "command", command), "JOB:slc", "command", problem);
    }

    [Fact]
    public void Unknown_placeholder_in_a_command_is_named_with_the_nearest_known_one()
    {
        var text = new ConfigText().Set("JOB:coreg", "command", "{software_dir}/coreg.py --frame {fram} --date {date}");

        var e = ConfigAssert.Error(text, "JOB:coreg", "command", "unknown placeholder {fram}; did you mean {frame}?");

        Assert.Contains("{master_date}", e.Message); // the known ones are listed too
    }

    [Theory]
    [InlineData("{frame_dir}/IFG/{mastr_date}_{date}/ifg.done", "{mastr_date}; did you mean {master_date}?")]
    [InlineData("{frame_dir}/SLC/{date}.slc, {framedir}/SLC/{date}.ok", "{framedir}; did you mean {frame_dir}?")]
    [InlineData("{frame_dir}/TS/{track}.done", "unknown placeholder {track} (known:")]
    public void Unknown_placeholder_in_outputs_is_named(string outputs, string problem)
    {
        ConfigAssert.Error(new ConfigText().Set("JOB:satsar", "outputs", outputs), "JOB:satsar", "outputs", problem);
    }

    [Fact]
    public void Placeholder_escaped_into_a_word_is_still_checked_as_the_launch_would_see_it()
    {
        // \{fram} is {fram} once the word is split, and the launch would substitute it: refuse it now.
        ConfigAssert.Error(new ConfigText().Set("JOB:slc", "command", "prog \\{fram}"), "JOB:slc", "command", "{fram}");
    }

    [Fact]
    public void Command_of_only_an_empty_word_names_no_program()
    {
        ConfigAssert.Error(new ConfigText().Set("JOB:slc", "command", "'' --frame {frame}"), "JOB:slc", "command", "names no program");
    }

    [Theory]
    [InlineData("sh -c \"sleep 1; echo {frame} done\"")]
    [InlineData("/bin/sh -c 'case {frame} in *FAIL*) exit 3;; esac; sleep 0.2'")]
    [InlineData("awk '{ print $1 }' {frame_dir}/list.txt")] // a brace with a blank is literal text, not a placeholder
    [InlineData("prog --all {frame} {date} {date1} {date2} {master_date} {frame_dir} {proc_dir} {data_dir} {software_dir} {job_id}")]
    public void Command_with_quotes_and_known_placeholders_loads_unchanged(string command)
    {
        var config = ConfigLoader.Parse(ConfigAssert.Path, new ConfigText().Set("JOB:slc", "command", command));

        Assert.Equal(command, config.JobType("slc").Command);
    }

    [Fact]
    public void Shipped_config_templates_all_pass_the_check_the_launch_makes()
    {
        var config = ConfigLoader.Load(RepoPaths.ShippedConfig);

        foreach (var type in config.JobTypes.Values)
        {
            Assert.NotEmpty(CommandTemplate.Split(type.Command));
            Assert.All(type.Outputs.Concat([type.Command]).SelectMany(CommandTemplate.PlaceholderNames), n => Assert.Contains(n, JobPlaceholders.Names));
        }
    }

    [Theory]
    [InlineData("{frame}/{date}_{date2}", new[] { "frame", "date", "date2" })]
    [InlineData("{} {Frame} {print $1} {job_id}", new[] { "job_id" })]
    [InlineData("{{frame}}", new[] { "frame" })]
    public void Placeholder_names_are_those_expand_would_substitute(string template, string[] names)
    {
        Assert.Equal(names, CommandTemplate.PlaceholderNames(template));
    }

    [Theory]
    [InlineData("fram", "frame")]
    [InlineData("pol_interval", "poll_interval")]
    [InlineData("poll_intreval", "poll_interval")]
    [InlineData("CPU", "cpus")]
    [InlineData("mastr_date", "master_date")]
    public void Nearest_name_finds_the_typo(string wrong, string meant)
    {
        Assert.Equal(meant, NearestName.Find(wrong, ["frame", "poll_interval", "cpus", "master_date", "memory", "disk"]));
    }

    [Theory]
    [InlineData("track")]
    [InlineData("completely_different")]
    public void Nearest_name_offers_nothing_for_another_word(string wrong)
    {
        Assert.Null(NearestName.Find(wrong, ["frame", "date", "poll_interval", "cpus", "memory", "disk"]));
    }
}
