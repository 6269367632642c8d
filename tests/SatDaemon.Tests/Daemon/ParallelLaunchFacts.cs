using System.Globalization;
using SatDaemon.Tests.Faults;
using SatDaemon.Tests.Jobs;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// Launches on many machines side by side (DESIGN §8, [PARAMETERS] parallel_machines): ten machine names on the two
/// real sshd (five each, every one its own SSH connection, 2 cpus each) and one whose port nobody listens on. What
/// really ran is read from the ledger the job commands keep themselves, and which machine ran it from the SSH
/// connection each run saw ($SSH_CONNECTION), never from the daemon's own rows. It stops no shared service and counts
/// only its own runs (by marker), so it runs beside the other tests, one at a time with the other such fault tests,
/// not alone: alone, its 45 s were added whole to the suite's wall time.
/// </summary>
[Trait("Category", "Ssh")]
[Collection(FaultsBesideCollection.Name)]
public sealed class ParallelLaunchFacts(ITestOutputHelper output)
{
    private const int PerSshd = 5;
    private const int MachineCpus = 2; // jobs take 1 cpu: at most 2 runs at once per machine

    [ServiceFact(Needs.Ssh)]
    public async Task Many_machines_launched_side_by_side_each_job_runs_once_no_machine_over_its_budget_and_a_dead_one_stops_nobody()
    {
        var job = LedgerJob.Create(progress: false);
        try
        {
            await RunAsync(job);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private async Task RunAsync(LedgerJob job)
    {
        var deadPort = FreePort.Next();
        await using var bed = await FaultBed.CreateAsync(job, 1, more: c =>
        {
            var names = new List<string>();
            for (var i = 0; i < SshMachines.Ports.Count; i++)
                for (var k = 1; k <= PerSshd; k++)
                {
                    var name = $"ssh{i + 1}x{k}";
                    names.Add(name);
                    Machine(c, name, SshMachines.Ports[i], i == 0 ? SshMachines.User : FaultBed.DashUser);
                }
            Machine(c, "dead", deadPort, SshMachines.User);
            names.Add("dead");
            c.RemoveSection("PROC_MACHINES:ssh1");
            c.RemoveSection("PROC_MACHINES:ssh2");
            c.Set("PROC_MACHINES", "names", string.Join(", ", names));
            c.Set("PARAMETERS", "parallel_machines", "4"); // fewer than the machines: the bound is exercised too
        });
        var targets = (await FaultBed.AddFrameAsync(bed, "031A_PARALLEL_ONE", 16))
            .Concat(await FaultBed.AddFrameAsync(bed, "032A_PARALLEL_TWO", 16)).ToList();
        var logs = new CapturingLoggerProvider();
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(5), "every download ended", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromMinutes(1)), logs.AllText);
        }

        var runs = job.Read();
        var connections = job.Connections();
        var byConnection = runs.Runs
            .GroupBy(r => connections.TryGetValue((r.JobId, r.Pid), out var c) ? ClientOf(c) : "unknown")
            .ToDictionary(g => g.Key, g => g.ToList());
        var most = byConnection.ToDictionary(g => g.Key, g => MostAtOnce(g.Value, runs.NowNs));
        var census = ProcessCensus.Take(job.Marker);
        var deadDown = logs.Lines.Any(l => l.Text.Contains("dead", StringComparison.Ordinal) && l.Text.Contains(deadPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        FaultBed.Figures(output, "parallel launches",
            $"{runs.Figures()}; targets {targets.Count}; connections {byConnection.Count}; most runs at once per connection "
            + string.Join(", ", most.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}: {m.Value}"))
            + $"; processes left {census.Count}; dead machine reported down: {deadDown}");

        // Each target's command ran once and finished, never beside another run of itself.
        Assert.Empty(runs.Problems(targets));
        Assert.Empty(census);
        // Every run came through one of the machines' SSH connections, and no connection ever ran more than its
        // machine's budget at once. Ten machines: the runs spread over more than the two sshd.
        Assert.DoesNotContain("unknown", byConnection.Keys);
        Assert.DoesNotContain("local", byConnection.Keys);
        Assert.All(most, m => Assert.True(m.Value <= MachineCpus, $"{m.Key} ran {m.Value} jobs at once, budget {MachineCpus}"));
        Assert.InRange(byConnection.Count, 3, 2 * PerSshd * 2);
        // The machine nobody answers for was found out and reported; the others did all the work regardless.
        Assert.True(deadDown, logs.AllText);
    }

    private static void Machine(ConfigText c, string name, int port, string user)
    {
        var s = "PROC_MACHINES:" + name;
        c.Set(s, "transport", "ssh");
        c.Set(s, "host", SshMachines.Host);
        c.Set(s, "port", port.ToString(CultureInfo.InvariantCulture));
        c.Set(s, "user", user);
        c.Set(s, "key_file", SshMachines.Key ?? "/nonexistent");
        c.Set(s, "known_hosts", SshMachines.KnownHosts ?? "/nonexistent");
        c.Set(s, "cpus", MachineCpus.ToString(CultureInfo.InvariantCulture));
        c.Set(s, "memory", "8");
        c.Set(s, "disk", "100");
    }

    // "client-address client-port server-address server-port" → "client-address:client-port", one per SSH connection.
    private static string ClientOf(string sshConnection)
    {
        var w = sshConnection.Split(' ');
        return w.Length >= 2 ? w[0] + ":" + w[1] : sshConnection;
    }

    /// <summary>The most runs of <paramref name="runs"/> that were running at one moment (an unended run lasts until now).</summary>
    private static int MostAtOnce(List<LedgerRun> runs, long nowNs)
    {
        var edges = runs.SelectMany(r => new[] { (At: r.StartNs, Step: 1), (At: r.EndOr(nowNs), Step: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Step); // an end at the same instant as a start frees the slot first
        int now = 0, most = 0;
        foreach (var e in edges) most = Math.Max(most, now += e.Step);
        return most;
    }
}
