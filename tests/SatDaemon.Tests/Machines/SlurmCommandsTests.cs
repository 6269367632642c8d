using SatDaemon.Configuration;
using SatDaemon.Machines.Slurm;

namespace SatDaemon.Tests.Machines;

/// <summary>The sbatch/squeue/scancel lines and what is read back from Slurm, checked word by word (Slurm's documented forms).</summary>
public sealed class SlurmCommandsTests
{
    private static MachineOptions Hpc(string? account = null, string? qos = null, string? license = null, bool constraints = false) => new()
    {
        Name = "hpc", Host = "localhost", Transport = Transport.Slurm, Cpus = 64, Memory = 256, Partition = "main",
        Account = account, Qos = qos, DiskLicense = license, SlurmConstraints = constraints, Features = ["internet", "bigmem"],
    };

    [Fact]
    public void A_jobs_required_features_go_to_sbatch_as_one_constraint_only_when_the_machine_says_so()
    {
        var job = Job with { Requires = ["internet", "bigmem"] };
        var with = SlurmCommands.Submit(Hpc(constraints: true), job, "/t", "/c.cfg", "abc123", 7, ["true"]);
        var without = SlurmCommands.Submit(Hpc(), job, "/t", "/c.cfg", "abc123", 7, ["true"]);
        var none = SlurmCommands.Submit(Hpc(constraints: true), Job, "/t", "/c.cfg", "abc123", 7, ["true"]);

        // Slurm's --constraint: '&' means every listed feature on the node (sbatch(1)).
        Assert.Contains(" --constraint='internet&bigmem' ", with);
        Assert.DoesNotContain("--constraint", without);
        Assert.DoesNotContain("--constraint", none);
    }

    private static readonly SlurmCommands.JobRequest Job = new("sd_abc123_42_001A_X_slc_20240105", 4, 15.5, 30, TimeSpan.FromMinutes(90.5),
        "/proc/001A_X/logs/001A_X_slc_20240105_42.log", "/proc/001A_X");

    [Fact]
    public void Submit_asks_slurm_for_the_jobs_budget_its_time_limit_and_runs_job_exec_once()
    {
        var line = SlurmCommands.Submit(Hpc(account: "insar", qos: "normal", license: "disk_io"), Job, "/opt/sd/satdaemon-tools", "/etc/satdaemon.cfg",
            "abc123", 42, ["/sw/make_slc.py", "--date", "2024-01-05"]);
        Assert.StartsWith("mkdir -p '/proc/001A_X/logs' || exit 97; ", line);
        foreach (var word in new[]
                 {
                     "sbatch --parsable", "--job-name='sd_abc123_42_001A_X_slc_20240105'", "--partition='main'", "--cpus-per-task=4",
                     "--mem=15872M", "--time=91", "--licenses='disk_io:30'", "--account='insar'", "--qos='normal'", "--no-requeue",
                     "--output='/proc/001A_X/logs/001A_X_slc_20240105_42.log'", "--open-mode=append", "--chdir='/proc/001A_X'",
                 })
            Assert.Contains(" " + word, line);
        // The wrapped command is one quoted word: job exec with this installation and job id, then the job's own words.
        Assert.Contains("--wrap='exec '\\''/opt/sd/satdaemon-tools'\\'' job exec --instance abc123 --job-id 42 ", line);
        Assert.EndsWith("-- '\\''/sw/make_slc.py'\\'' '\\''--date'\\'' '\\''2024-01-05'\\'''", line);
    }

    [Fact]
    public void Submit_leaves_out_what_the_machine_does_not_configure()
    {
        var line = SlurmCommands.Submit(Hpc(), Job with { TimeLimit = null }, "/t.dll", "/c.cfg", "abc123", 7, ["true"]);
        Assert.DoesNotContain("--account", line);
        Assert.DoesNotContain("--qos", line);
        Assert.DoesNotContain("--licenses", line);
        Assert.DoesNotContain("--time", line);
        Assert.Contains("exec dotnet '\\''/t.dll'\\'' job exec", line);
    }

    [Theory]
    [InlineData(30, "1")]       // under a minute: Slurm's smallest limit
    [InlineData(60, "1")]
    [InlineData(61, "2")]       // never less than the type's timeout
    [InlineData(6 * 3600, "360")]
    public void Time_limits_are_whole_minutes_rounded_up(int seconds, string expected) =>
        Assert.Equal(expected, SlurmCommands.TimeLimit(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Job_names_carry_installation_and_job_id_first_and_only_ours_parse()
    {
        var name = SlurmJobName.For("abc123", 42, "001A_05_X y", "slc", new DateOnly(2024, 1, 5), null);
        Assert.Equal("sd_abc123_42_001A_05_X_y_slc_20240105", name);
        Assert.Equal(("abc123", 42L), SlurmJobName.Parse(name));
        Assert.Equal("sd_abc123_43_001A_coherence_20240105-20240117",
            SlurmJobName.For("abc123", 43, "001A", "coherence", new DateOnly(2024, 1, 5), new DateOnly(2024, 1, 17)));
        Assert.Null(SlurmJobName.Parse("my_own_job"));
        Assert.Null(SlurmJobName.Parse("sd_abc123_x_slc"));
        Assert.True(SlurmJobName.For("abc", 1, new string('F', 300), "s", null, null).Length <= 120);
    }

    [Fact]
    public void Queue_finds_our_jobs_by_installation_and_job_id_and_prefers_the_active_run()
    {
        var q = SlurmQueue.Parse("""
            101|sd_abc123_42_001A_slc_20240105|COMPLETED|None
            102|sd_abc123_43_001A_slc_20240117|RUNNING|None
            103|sd_other9_42_002B_slc_20240105|PENDING|Resources
            104|someone_elses_job|RUNNING|None
            105|sd_abc123_44_001A_slc_20240129|TIMEOUT|TimeLimit
            106|sd_abc123_42_001A_slc_20240105|PENDING|Priority
            12_3|sd_abc123_45_array|RUNNING|None
            """);
        Assert.Equal(106, q.Find("abc123", 42)!.SlurmJobId);
        Assert.True(q.Find("abc123", 42)!.IsPending);
        Assert.True(q.Find("abc123", 43)!.IsActive);
        Assert.True(q.Find("abc123", 44)!.EndedBySlurm);
        Assert.False(q.Find("abc123", 44)!.IsActive);
        Assert.Null(q.Find("abc123", 45));
        Assert.Equal(103, q.Find("other9", 42)!.SlurmJobId);
        Assert.Equal([42L, 43, 44], q.OfInstance("abc123").Select(j => j.JobId).Order());
    }

    [Theory]
    [InlineData("COMPLETING|TimeLimit", "slurm: TIMEOUT (the job ran past its --time)")]
    [InlineData("TIMEOUT|TimeLimit", "slurm: TIMEOUT (the job ran past its --time)")]
    [InlineData("NODE_FAIL|None", "slurm: NODE_FAIL")]
    [InlineData("PREEMPTED|Preempted", "slurm: PREEMPTED (Preempted)")]
    [InlineData("RUNNING|None", null)]
    [InlineData("COMPLETING|None", null)]
    [InlineData("", null)]
    public void A_failed_jobs_slurm_verdict_is_read_from_squeue(string line, string? expected) =>
        Assert.Equal(expected, SatDaemon.JobProtocol.SlurmVerdict.OfLine(line));

    [Theory]
    [InlineData("sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)", false)]
    [InlineData("sbatch: error: Batch job submission failed: Socket timed out on send/recv operation", true)]
    [InlineData("sbatch: error: Batch job submission failed: Invalid partition name specified", null)]
    public void A_controller_that_does_not_answer_is_told_from_a_refused_job(string stderr, bool? mayHaveRun) =>
        Assert.Equal(mayHaveRun, SlurmCommands.ControllerDown(stderr));
}
