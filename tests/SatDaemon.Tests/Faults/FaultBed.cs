using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Faults;

/// <summary>
/// What the fault tests share: a PostgreSQL + two-sshd test bed whose job types run cheap shell commands through the
/// real job exec, the checks that prove nothing is lost (row consistency, event accounting), and the faults themselves.
/// </summary>
internal static partial class FaultBed
{
    /// <summary>Every job type runs <paramref name="script"/> under /bin/sh (1 cpu, 1 GB, disk 10), on the two ssh machines.</summary>
    public static Task<DaemonTestBed> CreateAsync(string script = "sleep 0.5", Action<ConfigText>? more = null) =>
        DaemonTestBed.CreateAsync(TestProvider.Postgres, 0, c =>
        {
            DaemonTestBed.SshMachinesConfig(c);
            foreach (var type in ConfigText.DefaultJobTypes)
            {
                c.Set("JOB:" + type, "command", Sh(script));
                c.Set("JOB:" + type, "cpus", "1");
                c.Set("JOB:" + type, "memory", "1");
                c.Set("JOB:" + type, "disk", "10");
            }
            more?.Invoke(c);
        });

    /// <summary>The ssh test user whose login shell is dash (tests/services/start.sh); ssh1 logs in as the bash one.</summary>
    public static string DashUser => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_DASH_USER") is { Length: > 0 } u ? u : "satdash";

    /// <summary>
    /// Every job type runs the ledger job <paramref name="job"/> (sleeping <paramref name="seconds"/>, in
    /// <paramref name="mode"/>; 1 cpu, 1 GB, disk 10) on the two ssh machines: ssh1 as the bash user, ssh2 as the dash
    /// user, so the daemon's remote command lines run under both shells.
    /// </summary>
    public static Task<DaemonTestBed> CreateAsync(LedgerJob job, double seconds, string mode = "plain", Action<ConfigText>? more = null, int cpus = 4) =>
        DaemonTestBed.CreateAsync(TestProvider.Postgres, 0, c =>
        {
            DaemonTestBed.SshMachinesConfig(c, cpus);
            c.Set("PROC_MACHINES:ssh2", "user", DashUser);
            foreach (var type in ConfigText.DefaultJobTypes)
            {
                c.Set("JOB:" + type, "command", job.Command(type, seconds, mode));
                c.Set("JOB:" + type, "cpus", "1");
                c.Set("JOB:" + type, "memory", "1");
                c.Set("JOB:" + type, "disk", "10");
            }
            more?.Invoke(c);
        });

    /// <summary>
    /// Adds a frame (<see cref="DaemonTestBed.AddFrameAsync"/>) and makes its folder, logs and download folders
    /// writable by everyone: the two ssh users (ssh1 bash, ssh2 dash) share proc_dir, and a folder the first job's user
    /// creates (umask 022) would shut the other out of its logs. Returns the download targets of the ledger job.
    /// </summary>
    public static async Task<List<string>> AddFrameAsync(DaemonTestBed bed, string frame, int dates) =>
        LedgerJob.DownloadTargets(frame, await AddFrameAsync(bed, frame, dates, ProcLevel.Download));

    /// <summary>As <see cref="AddFrameAsync(DaemonTestBed, string, int)"/> at <paramref name="level"/>; returns the frame's dates.</summary>
    public static async Task<List<DateOnly>> AddFrameAsync(DaemonTestBed bed, string frame, int dates, ProcLevel level)
    {
        var all = await bed.AddFrameAsync(frame, dates, level);
        foreach (var d in new[] { Path.Combine(bed.ProcDir, frame), Path.Combine(bed.ProcDir, frame, "logs"), Path.Combine(bed.ProcDir, frame, "download") })
        {
            Directory.CreateDirectory(d);
            File.SetUnixFileMode(d, (UnixFileMode)0x3FF); // 1777
        }
        return all;
    }

    /// <summary>Writes the figures to the test output and the figures file: called before any assertion.</summary>
    public static void Figures(Xunit.Abstractions.ITestOutputHelper output, string test, string figures)
    {
        output.WriteLine(figures);
        FaultFigures.Record(test, figures);
    }

    /// <summary>A job type command running <paramref name="script"/> with /bin/sh; only job exec around it is dotnet.</summary>
    public static string Sh(string script) => "/bin/sh -c '" + script + "'";

    /// <summary>A database read that may fail while PostgreSQL restarts counts as "not yet".</summary>
    public static Func<Task<bool>> Tolerant(Func<Task<bool>> condition) => async () =>
    {
        try { return await condition(); }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or DbUpdateException or TimeoutException) { return false; }
    };

    /// <summary>Every master and ifg row of the bed is past <paramref name="stage"/> or has ended (complete or failed).</summary>
    public static Task<bool> DownloadsSettledAsync(DaemonTestBed bed) => Tolerant(async () =>
    {
        await using var db = bed.Factory.Create();
        return !await db.RunningJobs.AnyAsync() && !await db.PendingJobs.AnyAsync()
            && !await db.Master.AnyAsync(m => m.ProcStage == 1 && m.ProcStatus != ProcStatus.Failed)
            && !await db.Ifg.AnyAsync(m => m.ProcStage == 1 && m.ProcStatus != ProcStatus.Failed);
    })();

    /// <summary>
    /// Rows that contradict each other right now: a target row at proc_status 1 without its running_jobs row,
    /// a running_jobs row whose target is not at proc_status 1, one target held by two jobs.
    /// </summary>
    public static async Task<List<string>> InconsistenciesAsync(DaemonTestBed bed)
    {
        await using var db = bed.Factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var running = await db.RunningJobs.AsNoTracking().ToListAsync();
        var problems = new List<string>();
        var held = running.Select(r => (r.TargetTable, r.TargetId)).ToHashSet();
        foreach (var m in await db.Master.AsNoTracking().Where(r => r.ProcStatus == ProcStatus.Running).ToListAsync())
            if (!held.Contains((TargetTables.Master, m.Id))) problems.Add($"master {m.Id} at proc_status 1 without a running job");
        foreach (var m in await db.Ifg.AsNoTracking().Where(r => r.ProcStatus == ProcStatus.Running).ToListAsync())
            if (!held.Contains((TargetTables.Ifg, m.Id))) problems.Add($"ifg {m.Id} at proc_status 1 without a running job");
        var masterRunning = await db.Master.Where(r => r.ProcStatus == ProcStatus.Running).Select(r => r.Id).ToListAsync();
        var ifgRunning = await db.Ifg.Where(r => r.ProcStatus == ProcStatus.Running).Select(r => r.Id).ToListAsync();
        foreach (var r in running)
        {
            var ok = r.TargetTable switch
            {
                TargetTables.Master => masterRunning.Contains(r.TargetId),
                TargetTables.Ifg => ifgRunning.Contains(r.TargetId),
                _ => true,
            };
            if (!ok) problems.Add($"running job {r.Id} holds {r.TargetTable} {r.TargetId}, which is not at proc_status 1");
        }
        foreach (var g in running.GroupBy(r => (r.TargetTable, r.TargetId)).Where(g => g.Count() > 1))
            problems.Add($"{g.Key.TargetTable} {g.Key.TargetId} held by jobs {string.Join(", ", g.Select(r => r.Id))}");
        return problems;
    }

    /// <summary>The job_events ledger: how every claimed job ended.</summary>
    public static async Task<EventLedger> EventLedgerAsync(DaemonTestBed bed)
    {
        await using var db = bed.Factory.Create();
        var events = await db.JobEvents.AsNoTracking().ToListAsync();
        var byJob = events.GroupBy(e => e.JobId).ToDictionary(g => g.Key, g => g.Select(e => e.Kind).ToList());
        int Count(string kind) => events.Count(e => e.Kind == kind);
        var badEnds = byJob.Where(j => j.Value.Contains(JobEventKinds.Launched)
                && j.Value.Count(k => k is JobEventKinds.Finished or JobEventKinds.Failed or JobEventKinds.Cancelled) != 1)
            .Select(j => $"job {j.Key}: {string.Join(",", j.Value)}").ToList();
        // One target stage launched twice counts only when the first launch did not fail or get cancelled (a legitimate retry).
        var launches = events.Where(e => e.Kind == JobEventKinds.Launched).OrderBy(e => e.Id).ToList();
        var duplicates = launches.GroupBy(e => e.Message).Where(g => g.Count() > 1)
            .Where(g => g.Take(g.Count() - 1).Any(e => !byJob[e.JobId].Contains(JobEventKinds.Failed) && !byJob[e.JobId].Contains(JobEventKinds.Cancelled)))
            .Select(g => g.Key ?? "?").ToList();
        return new EventLedger(Count(JobEventKinds.Launched), Count(JobEventKinds.Finished), Count(JobEventKinds.Failed),
            Count(JobEventKinds.Cancelled), Count(JobEventKinds.Adopted), badEnds, duplicates);
    }

    /// <summary>Job ids of the live `job exec` processes of this bed (its config path is on their command line).</summary>
    public static HashSet<long> LiveJobExecIds(DaemonTestBed bed)
    {
        using var p = Process.Start(new ProcessStartInfo("ps", ["-eo", "args="]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var ids = new HashSet<long>();
        foreach (var line in text.Split('\n'))
            if (line.Contains(bed.ConfigPath, StringComparison.Ordinal) && JobIdArg().Match(line) is { Success: true } m)
                ids.Add(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return ids;
    }

    [GeneratedRegex(@" job exec (?:--instance [0-9A-Za-z]+ )?--job-id (\d+) ")]
    private static partial Regex JobIdArg();

    /// <summary>
    /// Takes ssh machine <paramref name="index"/> off the network for this process: its sshd listener is stopped and the
    /// sshd sessions serving this process's connections are killed (an established session would outlive the listener).
    /// Sessions of other test runs on the shared sshd are left alone.
    /// </summary>
    public static async Task StopSshdAsync(int index, int clientPid)
    {
        var listener = int.Parse((await File.ReadAllTextAsync(SshMachines.SshdPidFiles[index])).Trim(), CultureInfo.InvariantCulture);
        Process.GetProcessById(listener).Kill();
        var port = SshMachines.Ports[index];
        var ourPorts = new HashSet<string>();
        var lines = Ss(port);
        foreach (var l in lines.Where(l => l.Contains($"pid={clientPid},", StringComparison.Ordinal)))
            if (l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, _, var local, ..]) ourPorts.Add(local[(local.LastIndexOf(':') + 1)..]);
        foreach (var l in lines.Where(l => l.Contains("\"sshd\"", StringComparison.Ordinal)))
        {
            if (l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [_, _, _, var peer, ..] || !ourPorts.Contains(peer[(peer.LastIndexOf(':') + 1)..])) continue;
            foreach (Match m in SshdPid().Matches(l))
                try { Process.GetProcessById(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Kill(); }
                catch (ArgumentException) { }
        }
    }

    [GeneratedRegex(@"pid=(\d+),")]
    private static partial Regex SshdPid();

    private static List<string> Ss(int port)
    {
        using var p = Process.Start(new ProcessStartInfo("ss", ["-tnpH", "state", "established", $"( sport = :{port} or dport = :{port} )"])
            { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>Starts sshd <paramref name="index"/> again unless its listener already runs (another test run may have restarted it).</summary>
    public static async Task RestartSshdAsync(int index)
    {
        try
        {
            var pid = int.Parse((await File.ReadAllTextAsync(SshMachines.SshdPidFiles[index])).Trim(), CultureInfo.InvariantCulture);
            using var existing = Process.GetProcessById(pid);
            if (!existing.HasExited && existing.ProcessName.StartsWith("sshd", StringComparison.Ordinal)) return;
        }
        catch (Exception e) when (e is ArgumentException or IOException or FormatException) { }
        await DaemonSshFacts.RestartSshdAsync(index);
    }
}

/// <summary>How the claimed jobs ended, from job_events.</summary>
internal sealed record EventLedger(int Launched, int Finished, int Failed, int Cancelled, int Adopted, List<string> BadEnds, List<string> Duplicates)
{
    /// <summary>Every claim ended exactly once: finished, failed, or cancelled because it provably never started.</summary>
    public bool Balanced => Launched == Finished + Failed + Cancelled && BadEnds.Count == 0;

    public override string ToString() =>
        $"launched {Launched}, finished {Finished}, failed {Failed}, not started {Cancelled}, adopted {Adopted}; "
        + $"bad ends: [{string.Join("; ", BadEnds.Take(10))}]; duplicates: [{string.Join("; ", Duplicates.Take(10))}]";
}
