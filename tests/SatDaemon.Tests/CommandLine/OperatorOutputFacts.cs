using System.Text.Json;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.CommandLine;

/// <summary>
/// Issue 20: --quiet and --log-level on both executables, --json that parses, help that states each default once, and
/// `satdaemon explain` planning a job list it computes itself when the daemon has not written pending_jobs.
/// </summary>
public sealed class OperatorOutputFacts(ITestOutputHelper output)
{
    private const string Frame = "064A_OUTPUT_TEST";

    [Fact]
    public async Task Explain_on_an_empty_pending_jobs_plans_the_list_it_computes_and_writes_nothing()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false, machines: c => c.Set("JOB:download", "cpus", "3"));
        await bed.AddFrameAsync(Frame, 3, ProcLevel.Download); // 3 downloads of 3 cpus on one 4-cpu machine

        var text = await DaemonProcess.RunAsync("explain", "-d", bed.ConfigPath);
        var json = await DaemonProcess.RunAsync("explain", "--json", "-d", bed.ConfigPath);

        output.WriteLine(text.ToString());
        output.WriteLine(json.ToString());
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("planned from the list computed here", text.Stdout);
        Assert.Contains("would launch 1:", text.Stdout);
        Assert.Contains("would wait 2:", text.Stdout);
        Assert.Contains("cpus 1 of 4 free", text.Stdout);
        Assert.DoesNotContain("info:", text.Stdout + text.Stderr); // a one-shot command: warnings only by default

        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("computed_here").GetBoolean());
        Assert.Equal(3, root.GetProperty("job_list").GetProperty("eligible").GetInt32());
        Assert.Equal(1, root.GetProperty("launch").GetArrayLength());
        Assert.All(root.GetProperty("wait").EnumerateArray(),
            w => Assert.Equal(["cpus"], w.GetProperty("categories").EnumerateArray().Select(c => c.GetString())));

        Assert.Equal(0, await bed.CountAsync<PendingJob>()); // explain reads only
        Assert.Equal(0, await bed.CountAsync<RunningJob>());
    }

    [Fact]
    public async Task Quiet_leaves_out_info_lines_of_the_daemon_and_the_tools_but_keeps_results()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false);
        await bed.AddFrameAsync(Frame, 2, ProcLevel.Off);

        var loud = await ToolProcess.RunAsync("ctl", "priority", Frame, "3", "-d", bed.ConfigPath);
        var quiet = await ToolProcess.RunAsync("ctl", "priority", Frame, "4", "-q", "-d", bed.ConfigPath);
        var daemonLoud = await DaemonProcess.RunAsync("run", "--once", "-d", bed.ConfigPath);
        var daemonQuiet = await DaemonProcess.RunAsync("run", "--once", "--quiet", "-d", bed.ConfigPath);
        var daemonWarning = await DaemonProcess.RunAsync("run", "--once", "--log-level", "warning", "-d", bed.ConfigPath);

        foreach (var r in new[] { loud, quiet, daemonLoud, daemonQuiet, daemonWarning }) output.WriteLine(r.ToString());
        Assert.All(new[] { loud, quiet, daemonLoud, daemonQuiet, daemonWarning }, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Contains("the daemon will rebuild its job list", loud.Stdout);
        Assert.Contains("priority 3 -> 4", quiet.Stdout); // the result stays
        Assert.DoesNotContain("the daemon will rebuild", quiet.Stdout);
        Assert.Contains("SatDaemon starting", daemonLoud.Stdout);
        Assert.DoesNotContain("info:", daemonQuiet.Stdout + daemonQuiet.Stderr);
        Assert.DoesNotContain("info:", daemonWarning.Stdout + daemonWarning.Stderr);
    }

    [Fact]
    public async Task An_unknown_log_level_is_a_usage_error_exit_2_on_both_executables()
    {
        using var cfg = TempConfig.Write(new ConfigText());

        var tools = await ToolProcess.RunAsync("ctl", "status", "--log-level", "loud", "-d", cfg.Path);
        var daemon = await DaemonProcess.RunAsync("explain", "--log-level", "loud", "-d", cfg.Path);

        foreach (var r in new[] { tools, daemon })
        {
            output.WriteLine(r.ToString());
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains("loud", r.Stderr);
        }
    }

    [Fact]
    public async Task Frame_list_ingest_and_consistency_json_parse_with_their_documented_fields()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false);
        await bed.AddFrameAsync(Frame, 2, ProcLevel.Off, priority: 7);
        var data = Path.Combine(bed.Dir, "data");
        Directory.CreateDirectory(Path.Combine(data, "T064"));
        File.WriteAllText(Path.Combine(data, "T064", "S1A_not_a_zip.zip"), "not a zip");

        var frames = await ToolProcess.RunAsync("frame", "list", "--json", "-d", bed.ConfigPath);
        var ingest = await ToolProcess.RunAsync("ingest-files", "--json", "-d", bed.ConfigPath);
        var check = await ToolProcess.RunAsync("check-db-consistency", "--json", "-d", bed.ConfigPath);

        foreach (var r in new[] { frames, ingest, check }) output.WriteLine(r.ToString());
        Assert.True(frames.ExitCode == 0, frames.ToString());
        using (var doc = JsonDocument.Parse(frames.Stdout))
        {
            var f = doc.RootElement.EnumerateArray().Single();
            Assert.Equal((Frame, 64, "A", 7, "off"), (f.GetProperty("id").GetString(), f.GetProperty("track").GetInt32(),
                f.GetProperty("orbit_direction").GetString(), f.GetProperty("priority").GetInt32(), f.GetProperty("proc_level").GetString()));
            Assert.Equal("2020-01-01", f.GetProperty("master_date").GetString());
        }

        Assert.True(ingest.ExitCode == 1, ingest.ToString()); // the bad zip is rejected: exit 1, as --help says
        using (var doc = JsonDocument.Parse(ingest.Stdout))
        {
            Assert.Equal(1, doc.RootElement.GetProperty("found").GetInt32());
            Assert.EndsWith("S1A_not_a_zip.zip", doc.RootElement.GetProperty("rejected")[0].GetProperty("file_path").GetString());
        }
        Assert.Contains("rejected", ingest.Stderr);

        Assert.True(check.ExitCode == 0, check.ToString());
        using (var doc = JsonDocument.Parse(check.Stdout))
        {
            Assert.False(doc.RootElement.GetProperty("apply").GetBoolean());
            Assert.True(doc.RootElement.GetProperty("checked").GetInt32() > 0);
            Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("rows").ValueKind);
        }
    }

    [Theory]
    [InlineData("satdaemon", "demo")]
    [InlineData("satdaemon-tools", "job simulate")]
    public async Task Help_states_each_default_once(string exe, string command)
    {
        string[] args = [.. command.Split(' '), "--help"];
        var help = exe == "satdaemon" ? await DaemonProcess.RunAsync(args) : await ToolProcess.RunAsync(args);

        output.WriteLine(help.ToString());
        Assert.True(help.ExitCode == 0, help.ToString());
        // System.CommandLine prints [default: N] itself; a "(default N)" in the same option's description said it twice.
        var withDefault = help.Stdout.Split('\n').Where(l => l.Contains("[default: ")).ToList();
        Assert.NotEmpty(withDefault);
        Assert.All(withDefault, l => Assert.DoesNotContain("(default", l));
    }
}
