using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SatDaemon.Control.Teams;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Machines;
using SatDaemon.Scheduling;

namespace SatDaemon.Bench;

/// <summary>A satdaemon.cfg for the bench database: N local machines (never contacted), the usual job types.</summary>
public static class BenchConfig
{
    public static readonly (string Type, int Cpus, double Memory, int Disk, int? MaxRunning)[] JobTypes =
    [
        ("download", 1, 2, 40, 8),
        ("master_slc", 4, 16, 30, null),
        ("master_geo", 4, 16, 20, null),
        ("slc", 4, 16, 30, null),
        ("coreg", 4, 16, 30, null),
        ("satsar", 4, 24, 20, null),
        ("coherence", 2, 8, 10, null),
        ("unwrap", 2, 8, 10, null),
        ("timeseries", 16, 64, 30, null),
        ("ingest", 1, 4, 20, null),
    ];

    /// <summary>The [PARAMETERS] section every bench config starts with: folders under <paramref name="dir"/>, no Teams.</summary>
    public static StringBuilder Parameters(string databaseUrl, string dir, string tools, int pollSeconds, int rsarConnections,
        string? procDir = null, int? parallelMachines = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine("[PARAMETERS]");
        sb.AppendLine($"database = {databaseUrl}");
        sb.AppendLine($"data_dir = {Path.Combine(dir, "data")}");
        sb.AppendLine($"proc_dir = {procDir ?? Path.Combine(dir, "proc")}");
        sb.AppendLine($"software_dir = {dir}");
        sb.AppendLine($"satdaemon_tools = {tools}");
        sb.AppendLine($"poll_interval = {pollSeconds}");
        sb.AppendLine($"rsar_connections = {rsarConnections}");
        if (parallelMachines is { } parallel) sb.AppendLine($"parallel_machines = {parallel}");
        sb.AppendLine("teams_webhook =");
        return sb;
    }

    public static string Text(string databaseUrl, string dir, int machines)
    {
        var sb = Parameters(databaseUrl, dir, "/bin/true", 30, DataGenerator.RsarConnections);
        sb.AppendLine("[PROC_MACHINES]");
        sb.AppendLine("names = " + string.Join(", ", Enumerable.Range(1, machines).Select(MachineName)));
        for (var i = 1; i <= machines; i++)
        {
            sb.AppendLine($"[PROC_MACHINES:{MachineName(i)}]");
            sb.AppendLine("transport = local");
            sb.AppendLine("host = localhost");
            // Mixed sizes, as a real cluster has.
            sb.AppendLine($"cpus = {(i % 4 == 0 ? 64 : 32)}");
            sb.AppendLine($"memory = {(i % 4 == 0 ? 256 : 128)}");
            sb.AppendLine("disk = 100");
        }
        foreach (var (type, cpus, memory, disk, max) in JobTypes)
        {
            sb.AppendLine($"[JOB:{type}]");
            sb.AppendLine($"cpus = {cpus}");
            sb.AppendLine($"memory = {memory.ToString(CultureInfo.InvariantCulture)}");
            sb.AppendLine($"disk = {disk}");
            sb.AppendLine($"command = /bin/true {{frame}} {{job_id}}");
            sb.AppendLine("outputs = {frame_dir}/done");
            if (max is { } m) sb.AppendLine($"max_running = {m}");
        }
        return sb.ToString();
    }

    public static string MachineName(int i) => $"m{i:00}";

    /// <summary>N idle machines of the config's two sizes, as the planner sees them (for planner-only runs beyond the config).</summary>
    public static List<MachineState> MachineStates(int machines) =>
        Enumerable.Range(1, machines).Select(i => new MachineState(MachineName(i),
            i % 4 == 0 ? new Resources(64, 256, 100) : new Resources(32, 128, 100), Resources.None, true, null)).ToList();

    /// <summary>The real daemon object on this config; its machines are local and never used (the bench only plans).</summary>
    public static ProcDaemon Daemon(SatDaemonConfig config, SatDbFactory db) =>
        new(config, new DaemonStore(db, TimeProvider.System), config.Machines.Select(m => ProcMachine.Create(m, TimeProvider.System)).ToList(), new NoTeams(),
            NullLogger<ProcDaemon>.Instance, TimeProvider.System, new DaemonOptions());

    private sealed class NoTeams : ITeamsNotifier
    {
        public bool TryEnqueue(TeamsMessage message) => true;
        public Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
