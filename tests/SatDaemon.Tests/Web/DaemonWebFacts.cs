using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.Hosting;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Web;

/// <summary>The console where operators meet it: inside the daemon ([WEB] listen) and as `satdaemon web`.</summary>
public sealed class DaemonWebFacts(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Daemon_with_web_listen_serves_metrics_with_its_pass_and_machine_health()
    {
        await using var db = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url).Set("WEB", "listen", "127.0.0.1:0"));
        var config = ConfigLoader.Load(cfg.Path);
        using var host = DaemonHost.Build(config, new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(500), WakeCheckInterval = TimeSpan.FromMilliseconds(100) },
            new DaemonExit(), l => l.SetMinimumLevel(LogLevel.Warning));
        await host.StartAsync();
        try
        {
            var url = host.Services.GetRequiredService<WebConsoleService>().Url;
            Assert.NotNull(url);
            using var http = new HttpClient();
            var metrics = "";
            await WaitFor.ConditionAsync(async () =>
            {
                metrics = await http.GetStringAsync(url + "/metrics");
                return metrics.Contains("satdaemon_up 1") && metrics.Contains("\nsatdaemon_pass_duration_seconds ");
            }, Timeout, "the daemon's first pass to show in /metrics");
            Assert.Contains("satdaemon_machine_available{machine=\"m01\"} 1", metrics);
            Assert.Contains("satdaemon_machine_budget{machine=\"m01\",resource=\"cpus\"} 8", metrics);
            Assert.Equal("ok\n", await http.GetStringAsync(url + "/healthz"));
            Assert.Contains("health-up", await http.GetStringAsync(url + "/"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Metrics_count_launches_and_ends_by_job_type_as_the_jobs_wrote_their_outputs()
    {
        await using var bed = await global::SatDaemon.Tests.Daemon.DaemonTestBed.CreateAsync(TestProvider.Sqlite, 0.2, c => c.Set("WEB", "listen", "127.0.0.1:0"));
        const string frame = "076D_METRICS_TYPES";
        await bed.AddFrameAsync(frame, 3, global::SatDaemon.Database.Model.ProcLevel.Download);
        await using var daemon = bed.StartInProcess();
        var web = daemon.Services.GetRequiredService<WebConsoleService>();
        await WaitFor.ConditionAsync(() => Task.FromResult(web.Url is not null), Timeout, "the daemon's console to listen");
        var url = web.Url;
        // The world: each download job writes {frame_dir}/download/{date}.done when it succeeds.
        var outputs = Path.Combine(bed.ProcDir, frame, "download");
        await WaitFor.ConditionAsync(() => Task.FromResult(Directory.Exists(outputs) && Directory.GetFiles(outputs, "*.done").Length == 3),
            Timeout, "three downloads written", dump: bed.Factory);
        using var http = new HttpClient();
        var metrics = "";
        await WaitFor.ConditionAsync(async () =>
        {
            metrics = await http.GetStringAsync(url + "/metrics");
            return metrics.Contains("satdaemon_jobs_total{event=\"finished\",job_type=\"download\"} 3");
        }, Timeout, "three finished downloads in /metrics");
        var written = Directory.GetFiles(outputs, "*.done").Length;
        var lines = metrics.Split('\n').Where(l => l.StartsWith("satdaemon_jobs_total{", StringComparison.Ordinal)).ToList();
        output.WriteLine($"outputs written {written}; " + string.Join("; ", lines));
        Assert.Contains($"satdaemon_jobs_total{{event=\"launched\",job_type=\"download\"}} {written}", lines);
        Assert.Contains($"satdaemon_jobs_total{{event=\"finished\",job_type=\"download\"}} {written}", lines);
        Assert.DoesNotContain(lines, l => l.Contains("event=\"failed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Satdaemon_web_serves_the_console_while_no_daemon_runs()
    {
        await using var db = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { TestBinaries.DaemonDll, "web", "-d", cfg.Path, "--listen", $"127.0.0.1:{port}" }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        try
        {
            string? line;
            do line = await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout);
            while (line is not null && !line.StartsWith("SatDaemon console at", StringComparison.Ordinal));
            Assert.Equal($"SatDaemon console at http://127.0.0.1:{port}", line?.Split(" (")[0]);
            using var http = new HttpClient();
            var status = await http.GetStringAsync($"http://127.0.0.1:{port}/api/status");
            Assert.Contains("\"state\": \"never seen\"", status);
            Assert.Contains("health unknown", await http.GetStringAsync($"http://127.0.0.1:{port}/"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Satdaemon_web_refuses_a_malformed_listen_with_exit_2()
    {
        using var cfg = TempConfig.Write(new ConfigText());
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { TestBinaries.DaemonDll, "web", "-d", cfg.Path, "--listen", "8080" }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync().WaitAsync(Timeout);
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--listen '8080' is not HOST:PORT", stderr);
    }
}
