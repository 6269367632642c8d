using System.Diagnostics;
using Npgsql;
using SatDaemon.Database.Providers;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// A job process keeps no database connection open between its reports (issue 18: 300 running jobs must not hold 300
/// idle server connections): its pool closes a connection about 2 s after its last use.
/// </summary>
public sealed class JobConnectionFacts(ITestOutputHelper output)
{
    [Fact]
    public void A_job_process_pool_closes_idle_connections_within_seconds_and_names_itself()
    {
        var url = DatabaseUrl.Parse("postgresql://u:p@h:5432/db", "/").ForJobProcess();
        var b = new NpgsqlConnectionStringBuilder(url.ConnectionString);

        Assert.Equal((2, 1, "satdaemon-job"), (b.ConnectionIdleLifetime, b.ConnectionPruningInterval, b.ApplicationName));
        Assert.Equal(20, b.MaxPoolSize); // the rest as the URL gives it
    }

    [Fact]
    public void Settings_the_url_gives_itself_are_kept()
    {
        var url = DatabaseUrl.Parse("postgresql://u:p@h:5432/db?ApplicationName=nightly&ConnectionIdleLifetime=60", "/").ForJobProcess();
        var b = new NpgsqlConnectionStringBuilder(url.ConnectionString);

        Assert.Equal((60, 1, "nightly"), (b.ConnectionIdleLifetime, b.ConnectionPruningInterval, b.ApplicationName));
    }

    [ServiceFact(Needs.Postgres)]
    public async Task A_running_job_exec_holds_no_connection_while_its_command_runs()
    {
        await using var pg = PostgresDatabase.Reserve(); // JobTestBed copies the template into it
        using var bed = await JobTestBed.CreateAsync(pg.Url);
        var job = await bed.ClaimAsync();

        // The command runs 12 s and reports nothing: after job exec's start report its connection should go within seconds.
        // The .NET job exec (the default wrapper) keeps a pooled connection: this is about its pool settings. The native
        // one opens its connection only for the start record and closes it before the command runs (NativeJobExecFacts).
        var run = ToolProcess.RunAsync(bed.ExecArgs(job.Id, ["/bin/sleep", "12"]), dotnetJobExec: true);
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'satdaemon-job'", admin);
        var watch = Stopwatch.StartNew();
        var seen = new List<(double S, long N)>();
        var peak = 0L;
        while (watch.Elapsed < TimeSpan.FromSeconds(11) && !run.IsCompleted)
        {
            var n = (long)(await count.ExecuteScalarAsync())!;
            peak = Math.Max(peak, n);
            seen.Add((watch.Elapsed.TotalSeconds, n));
            // Held, then gone while the command still runs: what we came to see.
            if (peak > 0 && n == 0) break;
            await Task.Delay(200);
        }
        var stillRunning = !run.IsCompleted;
        output.WriteLine($"job connections over time: {string.Join(", ", seen.Select(s => $"{s.S:0.0}s:{s.N}"))}; command still running: {stillRunning}");
        var result = await run;

        Assert.True(result.ExitCode == 0, $"{result}\n{await bed.DumpAsync(job.Id)}");
        Assert.True(peak > 0, "job exec's connection was never seen (is application_name set?)");
        Assert.Equal(0, seen[^1].N);
        Assert.True(stillRunning, "the connection only went when the process ended");
    }
}
