using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Bench;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Init;
using SatDaemon.Database.Providers;
using SatDaemon.Database.Queries;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (BenchOptions.HelpRequested)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine("satdaemon-bench: " + e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var name = $"satdaemon_bench_{Environment.ProcessId}_{Random.Shared.Next(1000, 9999)}";
var url = new UriBuilder(options.DatabaseUrl) { Path = "/" + name }.Uri.ToString();
var dir = Directory.CreateTempSubdirectory("satdaemon-bench-").FullName;
try
{
    return await new BenchRun(options, url, dir).RunAsync(cts.Token);
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Console.Error.WriteLine("satdaemon-bench: failed: " + e);
    return 3;
}
finally
{
    if (!options.Keep)
    {
        await DropDatabaseAsync(url, name);
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
    else Console.Error.WriteLine($"kept database {name} and folder {dir}");
}

static async Task DropDatabaseAsync(string url, string name)
{
    NpgsqlConnection.ClearAllPools();
    var admin = new NpgsqlConnectionStringBuilder(DatabaseUrl.Parse(url, ".").ConnectionString) { Database = "postgres", Pooling = false };
    try
    {
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
    catch (NpgsqlException e)
    {
        Console.Error.WriteLine($"satdaemon-bench: could not drop database {name}: {e.Message}");
    }
}

namespace SatDaemon.Bench
{
    internal static class Fmt
    {
        public static string Ms(double ms) => ms >= 10000 ? (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : ms >= 100 ? ms.ToString("0", CultureInfo.InvariantCulture) + " ms"
            : ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        public static string N(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);
        public static string MB(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture) + " MB";
        public static string X(double x) => x.ToString("0.0", CultureInfo.InvariantCulture) + "×";
        public static string F(double x, string f = "0.0") => x.ToString(f, CultureInfo.InvariantCulture);
    }

    /// <summary>Machine facts printed with the table: the figures mean little without them.</summary>
    internal static class Host
    {
        public static string LoadAverage() => Read("/proc/loadavg") is { } s ? string.Join(" ", s.Split(' ').Take(3)) : "?";

        public static string Describe()
        {
            var mem = Read("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = mem is null ? 0 : long.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            var cpu = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
            return $"{Environment.ProcessorCount} cores ({cpu}), {Fmt.F(kb / 1048576.0, "0.0")} GB memory, .NET {Environment.Version}";
        }

        private static string? Read(string path)
        {
            try { return File.ReadAllText(path); } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; }
        }
    }
}
