using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Providers;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Configuration;

public class ConfigLoaderFacts
{
    [Fact]
    public void Shipped_config_loads_with_its_machine_and_every_default_job_type()
    {
        var config = ConfigLoader.Load(RepoPaths.ShippedConfig);

        Assert.Equal("sqlite:///satdaemon.db", config.Parameters.Database);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Parameters.PollInterval);
        Assert.Equal(3, config.Parameters.RsarConnections);
        var machine = Assert.Single(config.Machines);
        Assert.Equal(("local", Transport.Local, 8, 32.0, 100), (machine.Name, machine.Transport, machine.Cpus, machine.Memory, machine.Disk));
        Assert.Equal(ConfigText.DefaultJobTypes.Order(), config.JobTypes.Keys.Order());
        var download = config.JobType("download");
        Assert.Equal((1, 2.0, 40, 4, 2), (download.Cpus, download.Memory, download.Disk, download.MaxRunning, download.Retries));
        Assert.Equal(TimeSpan.FromHours(6), download.Timeout);
        Assert.Equal(TimeSpan.FromDays(2), config.JobType("timeseries").Timeout);
        Assert.Equal(TimeSpan.FromDays(1), config.JobType("ingest").Timeout);
        Assert.Equal(["{frame_dir}/SLC/{date}/{date}.slc"], config.JobType("slc").Outputs);
    }

    [Fact]
    public void Job_exec_defaults_to_the_tools_and_names_the_native_file_when_set()
    {
        var tools = ConfigLoader.Parse("t.cfg", new ConfigText().ToString());
        var native = ConfigLoader.Parse("t.cfg", new ConfigText().Set("PARAMETERS", "job_exec", "/opt/satdaemon/satdaemon-job-exec").ToString());

        Assert.Null(tools.Parameters.JobExec);
        Assert.Equal("/opt/satdaemon/satdaemon-tools", tools.Parameters.JobExecProgram);
        Assert.Equal("/opt/satdaemon/satdaemon-job-exec", native.Parameters.JobExecProgram);
    }

    [Fact]
    public void Shipped_sqlite_url_resolves_next_to_the_config_file()
    {
        var config = ConfigLoader.Load(RepoPaths.ShippedConfig);

        var factory = SatDbFactory.FromConfig(config);

        Assert.Equal("sqlite " + Path.Combine(RepoPaths.Root, "satdaemon.db"), factory.Url.DisplayName);
    }

    [Fact]
    public void Inline_comments_after_values_and_section_headers_are_stripped()
    {
        // The DESIGN §3 sample: comments after values and after a section header.
        const string text = """
            [PARAMETERS]
            database = postgresql://satdaemon@localhost:5432/satdaemon   ; or sqlite:///path/satdaemon.db
            data_dir = /data                 ; zip files live in {data_dir}/T{track}/
            poll_interval = 2m               ; between scheduling passes
            teams_webhook =                  ; optional; may also come from the environment

            [PROC_MACHINES]
            names = proc01, proc02   # two machines

            [PROC_MACHINES:proc01]
            host = proc01.example.org
            transport = ssh                  ; ssh | local
            cpus = 32                        ; cores
            memory = 256                     ; GB

            [PROC_MACHINES:proc02]
            host = proc02.example.org
            cpus = 16
            memory = 128

            [JOB:slc]                        ; one section per job type
            cpus = 4
            memory = 16
            disk = 30
            command = {software_dir}/satsar/make_slc.py --frame {frame} --date {date}
            timeout = 6h                     ; optional
            """;

        var config = ConfigLoader.Parse("/etc/satdaemon/satdaemon.cfg", text);

        Assert.Equal("postgresql://satdaemon@localhost:5432/satdaemon", config.Parameters.Database);
        Assert.Equal("/data", config.Parameters.DataDir);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Parameters.PollInterval);
        Assert.Equal(["proc01", "proc02"], config.Machines.Select(m => m.Name));
        Assert.Equal((Transport.Ssh, 32, 256.0), (config.Machines[0].Transport, config.Machines[0].Cpus, config.Machines[0].Memory));
        Assert.Equal("{software_dir}/satsar/make_slc.py --frame {frame} --date {date}", config.JobType("slc").Command);
        Assert.Equal(TimeSpan.FromHours(6), config.JobType("slc").Timeout);
    }

    [Fact]
    public void Builder_text_loads_with_the_requested_machines()
    {
        var config = ConfigLoader.Parse("/tmp/x.cfg", new ConfigText(machines: 3));

        Assert.Equal(["m01", "m02", "m03"], config.Machines.Select(m => m.Name));
        Assert.Equal(ConfigText.DefaultJobTypes.Count, config.JobTypes.Count);
    }

    [Fact]
    public void Missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "sdt-" + Guid.NewGuid().ToString("N"), "satdaemon.cfg");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.Equal(path, e.File);
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Missing_database_key_is_named()
    {
        AssertConfigError(new ConfigText().Remove("PARAMETERS", "database"), "PARAMETERS", "database", "is missing");
    }

    [Fact]
    public void Missing_parameters_section_is_named()
    {
        var e = Parse(new ConfigText().RemoveSection("PARAMETERS"));

        Assert.Equal("PARAMETERS", e.Section);
        Assert.Contains("[PARAMETERS]", e.Message);
    }

    [Fact]
    public void Word_where_a_number_belongs_is_named_with_its_value()
    {
        AssertConfigError(new ConfigText().Set("PROC_MACHINES:m01", "cpus", "lots"), "PROC_MACHINES:m01", "cpus", "'lots' is not a whole number");
    }

    [Fact]
    public void Word_where_a_job_memory_belongs_is_named()
    {
        AssertConfigError(new ConfigText().Set("JOB:coreg", "memory", "plenty"), "JOB:coreg", "memory", "'plenty' is not a number");
    }

    [Fact]
    public void Unknown_transport_is_named()
    {
        AssertConfigError(new ConfigText().Set("PROC_MACHINES:m01", "transport", "pigeon"), "PROC_MACHINES:m01", "transport", "unknown transport 'pigeon'");
    }

    [Fact]
    public void Machine_listed_in_names_without_its_section_is_named()
    {
        var text = new ConfigText(machines: 2).RemoveSection("PROC_MACHINES:m02");

        AssertConfigError(text, "PROC_MACHINES", "names", "[PROC_MACHINES:m02]");
    }

    [Fact]
    public void Machine_listed_twice_is_named()
    {
        AssertConfigError(new ConfigText().Set("PROC_MACHINES", "names", "m01, m01"), "PROC_MACHINES", "names", "'m01' is listed twice");
    }

    [Fact]
    public void Job_type_without_command_is_named()
    {
        AssertConfigError(new ConfigText().Remove("JOB:satsar", "command"), "JOB:satsar", "command", "is missing");
    }

    [Theory]
    [InlineData("JOB:download", "timeout", "soon")]
    [InlineData("JOB:download", "timeout", "6x")]
    [InlineData("JOB:download", "timeout", "-5m")]
    [InlineData("PARAMETERS", "poll_interval", "often")]
    public void Bad_duration_is_named_with_its_value(string section, string key, string value)
    {
        AssertConfigError(new ConfigText().Set(section, key, value), section, key, $"'{value}' is not a duration");
    }

    [Fact]
    public void Database_url_of_another_kind_is_named()
    {
        AssertConfigError(new ConfigText().Set("PARAMETERS", "database", "mysql://h/db"), "PARAMETERS", "database", "postgresql://");
    }

    [Fact]
    public void Teams_webhook_never_appears_in_the_text_of_the_config_objects()
    {
        const string webhook = "https://example.webhook.office.com/workflows/s3cret-token-0123";
        var config = ConfigLoader.Parse("/tmp/x.cfg", new ConfigText().Set("PARAMETERS", "teams_webhook", webhook));
        Assert.Equal(webhook, config.Parameters.TeamsWebhook);

        object[] everything = [config, config.Parameters, .. config.Machines, .. config.JobTypes.Values, SatDbFactory.FromConfig(config), SatDbFactory.FromConfig(config).Url];

        Assert.All(everything, o => Assert.DoesNotContain("s3cret", o.ToString()));
    }

    [Fact]
    public void Database_url_display_name_and_text_never_carry_the_password()
    {
        var url = DatabaseUrl.Parse("postgresql://u:s3cret@h:5/db", "/");

        Assert.Equal("postgresql u@h:5/db", url.DisplayName);
        Assert.DoesNotContain("s3cret", url.ToString());
        Assert.Contains("Password=s3cret", url.ConnectionString);
    }

    [Theory]
    [InlineData("postgresql://u:s3cret@h:5/", "names no database")]
    [InlineData("postgresql://u@h/db?password=s3cret&nosuchoption=1", "option 'nosuchoption' is unknown")]
    [InlineData("postgresql://u@h/db?sslmode=s3cret", "option 'sslmode' is unknown or its value is invalid")]
    [InlineData("postgresql://u:s3cret@h:99999/db", "not of the form")]
    public void Bad_postgres_url_is_a_config_error_on_the_database_key_at_load(string url, string problem)
    {
        var e = ConfigAssert.Error(new ConfigText(database: url), "PARAMETERS", "database", problem);

        Assert.DoesNotContain("s3cret", e.Message);
    }

    [Fact]
    public void Machine_features_and_job_type_requires_and_prefers_are_read_as_word_lists()
    {
        var config = ConfigLoader.Parse("/tmp/x.cfg", new ConfigText(machines: 2)
            .Set("PROC_MACHINES:m02", "features", "internet, bigdisk")
            .Set("JOB:slc", "requires", "internet")
            .Set("JOB:slc", "prefers", "bigdisk"));

        Assert.Equal(["internet", "bigdisk"], config.Machines.Single(m => m.Name == "m02").Features);
        Assert.Empty(config.Machines.Single(m => m.Name == "m01").Features);
        Assert.Equal(["internet"], config.JobType("slc").Requires);
        Assert.Equal(["bigdisk"], config.JobType("slc").Prefers);
        Assert.Empty(config.JobType("coreg").Requires);
    }

    [Fact]
    public void A_required_feature_no_machine_offers_is_refused_naming_the_job_type_and_the_feature()
    {
        var e = AssertConfigErrorOf(new ConfigText(machines: 2).Set("PROC_MACHINES:m01", "features", "internet").Set("JOB:slc", "requires", "gpu"),
            "JOB:slc", "requires", "no machine offers feature 'gpu'");

        Assert.Contains("machines offer: internet", e.Message);
    }

    [Theory]
    [InlineData("PROC_MACHINES:m01", "features", "internet, big disk", "'big disk' is not a feature name")]
    [InlineData("PROC_MACHINES:m01", "slurm_constraints", "true", "applies only to transport = slurm")]
    [InlineData("PROC_MACHINES:m01", "slurm_constraints", "sometimes", "'sometimes' is not true or false")]
    public void Bad_routing_words_are_named(string section, string key, string value, string problem) =>
        AssertConfigError(new ConfigText().Set(section, key, value), section, key, problem);

    private static ConfigException AssertConfigErrorOf(string text, string section, string key, string problem) =>
        ConfigAssert.Error(text, section, key, problem);

    private static ConfigException Parse(string text) => ConfigAssert.Refused(text);

    private static void AssertConfigError(string text, string section, string key, string problem) =>
        ConfigAssert.Error(text, section, key, problem);
}
