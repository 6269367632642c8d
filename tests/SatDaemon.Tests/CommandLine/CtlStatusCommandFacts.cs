using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.CommandLine;

/// <summary>
/// `satdaemon-tools ctl status` as an operator runs it (issue 20): REASON per pending group as squeue shows it, --frame,
/// "stopped at" after the daemon's clean exit, "not running" on a stale heartbeat, and exit 3 whenever the daemon is down.
/// ctl status runs in-process (<see cref="ToolInProcess"/>: same parser, command and exit code); the daemon is a real
/// process where its pass, heartbeat or signal handling is what status reads.
/// </summary>
public sealed class CtlStatusCommandFacts(ITestOutputHelper output)
{
    private const string Busy = "064A_STATUS_BUSY";
    private const string First = "065A_STATUS_FIRST";

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task After_a_pass_pending_jobs_show_the_planners_reason_and_a_stopped_daemon_exits_3(TestProvider provider)
    {
        // One 4-cpu machine, downloads take 3 cpus: one download runs, every other waits for cpus.
        await using var bed = await DaemonTestBed.CreateAsync(provider, seconds: 60, simulate: false, machines: c => c.Set("JOB:download", "cpus", "3"));
        await bed.AddFrameAsync(Busy, 3, ProcLevel.Download);           // 3 downloads: master + 2 ifg dates
        await bed.AddFrameAsync(First, 2, ProcLevel.Download, priority: 9); // higher priority: one of its 2 runs

        var pass = await DaemonProcess.RunAsync("run", "--once", "-d", bed.ConfigPath);
        output.WriteLine(pass.ToString());
        Assert.True(pass.ExitCode == 0, pass.ToString());

        var all = await ToolInProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
        output.WriteLine(all.ToString());
        Assert.True(all.ExitCode == 3, all.ToString()); // README: 3 daemon not running
        Assert.Matches(@"daemon: stopped at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", all.Stdout);
        Assert.Matches(new Regex($@"^\s+{Busy}\s+download\s+3\s+cpus\s*$", RegexOptions.Multiline), all.Stdout);
        Assert.Matches(new Regex($@"^\s+{First}\s+download\s+1\s+cpus\s*$", RegexOptions.Multiline), all.Stdout);

        var one = await ToolInProcess.RunAsync("ctl", "status", "--frame", First, "-d", bed.ConfigPath);
        output.WriteLine(one.ToString());
        Assert.True(one.ExitCode == 3, one.ToString());
        Assert.DoesNotContain(Busy, one.Stdout);
        Assert.Contains("pending jobs (1):", one.Stdout);
        Assert.Contains("running jobs (1):", one.Stdout); // First's other download holds 3 of the 4 cpus

        var json = await ToolInProcess.RunAsync("ctl", "status", "--json", "-d", bed.ConfigPath);
        Assert.True(json.ExitCode == 3, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("stopped").GetBoolean());
        Assert.False(root.GetProperty("looks_alive").GetBoolean());
        Assert.Equal("stopped", root.GetProperty("state").GetString());
        var busy = root.GetProperty("pending").EnumerateArray().Single(p => p.GetProperty("frame_id").GetString() == Busy);
        Assert.Equal((3, "cpus"), (busy.GetProperty("count").GetInt32(), busy.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_running_daemon_exits_0_and_after_SIGTERM_it_logs_its_stop_and_status_says_stopped_with_exit_3()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false);
        // Five seconds between passes: the two-poll liveness window (10 s) is wide enough for a status read on a loaded machine.
        bed.Config.Set("PARAMETERS", "poll_interval", "5");
        bed.WriteConfig();
        var daemon = bed.StartProcess();
        await WaitFor.ConditionAsync(async () =>
        {
            await using var db = bed.Factory.Create();
            return (await db.DaemonTools.AsNoTracking().SingleAsync()).Heartbeat is not null;
        }, TimeSpan.FromMinutes(1), "the daemon's first heartbeat");

        var alive = await ToolInProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
        output.WriteLine(alive.ToString());
        Assert.True(alive.ExitCode == 0, alive.ToString());
        Assert.Contains("daemon: alive on", alive.Stdout);

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", daemon.Id.ToString()]) { UseShellExecute = false })!)
            await term.WaitForExitAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1))) await daemon.WaitForExitAsync(cts.Token);
        daemon.WaitForExit(); // drains the asynchronous output readers
        lock (bed.Output) output.WriteLine(string.Join('\n', bed.Output));

        var stopped = await ToolInProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
        output.WriteLine(stopped.ToString());
        Assert.Equal(0, daemon.ExitCode);
        lock (bed.Output) Assert.Contains(bed.Output, l => l.Contains("daemon stopped (signal)"));
        Assert.True(stopped.ExitCode == 3, stopped.ToString());
        Assert.Contains("daemon: stopped at", stopped.Stdout);
    }

    [Fact]
    public async Task A_heartbeat_older_than_two_polls_with_a_pid_is_not_running_and_never_seen_is_not_running_either()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false); // poll_interval = 1 s

        var never = await ToolInProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
        output.WriteLine(never.ToString());
        Assert.True(never.ExitCode == 3, never.ToString());
        Assert.Contains("daemon: not running (never seen", never.Stdout);

        // What a SIGKILLed daemon leaves: its pid, and a heartbeat that ages.
        await using (var db = bed.Factory.Create())
            await db.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(d => d.Heartbeat, DateTime.UtcNow.AddSeconds(-30))
                .SetProperty(d => d.DaemonHost, "proc00").SetProperty(d => d.DaemonPid, 4242));

        var stale = await ToolInProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
        output.WriteLine(stale.ToString());
        Assert.True(stale.ExitCode == 3, stale.ToString());
        Assert.Contains("daemon: not running (last heartbeat from proc00 pid 4242", stale.Stdout);
    }
}
