using System.Diagnostics;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Daemon;

/// <summary>The `satdaemon` executable: one daemon per database, and `explain`.</summary>
public sealed class DaemonHostFacts
{
    private static async Task<(int Code, string Output)> RunDaemonAsync(DaemonTestBed bed, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(DaemonTestBed.DaemonDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-d");
        psi.ArgumentList.Add(bed.ConfigPath);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task A_second_daemon_on_the_same_database_exits_naming_the_host_and_pid_of_the_first()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false);
        await using var first = bed.StartInProcess();
        await WaitFor.ConditionAsync(async () =>
        {
            await using var db = bed.Factory.Create();
            return db.DaemonTools.Single().Heartbeat is not null;
        }, TimeSpan.FromMinutes(1), "first daemon's heartbeat");

        var (code, output) = await RunDaemonAsync(bed, "run", "--once");
        Assert.Equal(2, code);
        Assert.Contains("another satdaemon already runs", output);
        Assert.Contains($"pid {Environment.ProcessId}", output);
        Assert.Contains(Environment.MachineName, output);
    }

    [Fact]
    public async Task Explain_shows_what_would_launch_and_why_the_rest_waits_without_changing_anything()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false, machines: c =>
        {
            c.Set("JOB:download", "cpus", "3"); // one download at a time on the 4-cpu machine
        });
        await bed.AddFrameAsync("064A_EXPLAIN_TEST", 3, ProcLevel.Download);
        await new SatDaemon.Database.Queries.JobListBuilder(bed.Factory).RebuildAsync(CancellationToken.None);

        var (code, output) = await RunDaemonAsync(bed, "explain");
        Assert.True(code == 0, output);
        Assert.Contains("would launch 1:", output);
        Assert.Contains("would wait 2:", output);
        Assert.Contains("cpus 1 of 4 free", output);
        Assert.Equal(0, await bed.CountAsync<RunningJob>());
        Assert.Equal(3, await bed.CountAsync<PendingJob>());
    }
}
