using System.Diagnostics;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// Stops and starts the test PostgreSQL cluster for fault tests: $SATDAEMON_TEST_PG_DATA (data dir) and
/// $SATDAEMON_TEST_PG_BIN (pg_ctl's folder); the server log goes to $SATDAEMON_TEST_PG_LOG or postgresql.log next to
/// the data dir. Settings must live in the cluster's config files, so a plain pg_ctl start brings it back the same.
/// </summary>
public sealed class PostgresCluster
{
    public const string EnvData = "SATDAEMON_TEST_PG_DATA";
    public const string EnvBin = "SATDAEMON_TEST_PG_BIN";
    public const string EnvLog = "SATDAEMON_TEST_PG_LOG";

    private PostgresCluster(string data, string bin, string log)
    {
        Data = data;
        Bin = bin;
        Log = log;
    }

    public string Data { get; }
    public string Bin { get; }
    public string Log { get; }

    /// <summary>Null when the environment does not say which cluster the tests may stop.</summary>
    public static PostgresCluster? FromEnvironment()
    {
        var data = Environment.GetEnvironmentVariable(EnvData);
        var bin = Environment.GetEnvironmentVariable(EnvBin);
        if (string.IsNullOrEmpty(data) || string.IsNullOrEmpty(bin)) return null;
        var log = Environment.GetEnvironmentVariable(EnvLog) is { Length: > 0 } l
            ? l
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data).TrimEnd('/')) ?? "/tmp", "postgresql.log");
        return new PostgresCluster(data, bin, log);
    }

    public Task StopAsync() => PgCtlAsync("-D", Data, "-w", "-t", "60", "stop", "-m", "fast");

    public Task StartAsync() => PgCtlAsync("-D", Data, "-l", Log, "-w", "-t", "60", "start");

    /// <summary>As user postgres when we are root (the server refuses to run as root), else as ourselves.</summary>
    private static async Task PgCtlAsync(params string[] args)
    {
        var env = FromEnvironment()!;
        var asRoot = Environment.UserName == "root";
        var psi = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(env.Bin, "pg_ctl"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", Path.Combine(env.Bin, "pg_ctl") }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pg_ctl {string.Join(' ', args)} failed ({p.ExitCode}): {await stdout} {await stderr}");
    }
}
