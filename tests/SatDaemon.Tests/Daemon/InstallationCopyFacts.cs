using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// A copy of the database (pg_dump → pg_restore, a copied SQLite file), as operators make a test database from the
/// production one, is not the same installation: a daemon on it refuses to start until the copy has its own identity,
/// and then never adopts or stops the original's jobs. The original's job processes are counted with ps.
/// </summary>
[Trait("Category", "Faults")]
public sealed class InstallationCopyFacts(ITestOutputHelper output)
{
    private const string Frame = "001A_COPYFRAME";

    [ServiceTheory(Needs.Postgres)]
    [InlineData(TestProvider.Postgres)]
    [InlineData(TestProvider.Sqlite)]
    public async Task A_daemon_on_a_copy_refuses_to_start_and_after_a_new_identity_leaves_the_originals_jobs_alone(TestProvider provider)
    {
        // Long sleeps: the original's jobs must still be running when the copy's daemon looks at them.
        await using var original = await DaemonTestBed.CreateAsync(provider, seconds: 120, simulate: false);
        await original.AddFrameAsync(Frame, 2, level: ProcLevel.Download);
        var daemon = original.StartProcess();
        await WaitFor.ConditionAsync(async () => await original.CountAsync<RunningJob>(q => q.Where(j => j.Pid != null)) >= 2,
            TimeSpan.FromMinutes(2), "the original's jobs running", dump: original.Factory);
        var before = JobProcesses(original.ConfigPath);

        var copyDir = Path.Combine(original.Dir, "copy");
        Directory.CreateDirectory(copyDir);
        var (copyUrl, dropCopy) = provider == TestProvider.Postgres
            ? await DumpAndRestoreAsync(original)
            : CopySqliteFile(original, copyDir);
        try
        {
            var copyConfig = Path.Combine(copyDir, "satdaemon.cfg");
            var text = original.Config.ToString().Split('\n')
                .Select(l => l.StartsWith("database =", StringComparison.Ordinal) ? "database = " + copyUrl : l);
            await File.WriteAllTextAsync(copyConfig, string.Join('\n', text));

            // 1. Refused, one line naming the cause and the command.
            var refused = await RunDaemonOnceAsync(copyConfig);
            var afterRefusal = JobProcesses(original.ConfigPath);
            output.WriteLine($"[{provider}] original job processes {before.Count} ({string.Join(",", before)}); copy's daemon exit {refused.Exit}: {refused.Stderr.Trim()}");
            output.WriteLine($"after the refusal: {afterRefusal.Count} ({string.Join(",", afterRefusal)})");
            Assert.Equal(2, refused.Exit);
            Assert.Contains("is a copy of another installation's database", refused.Stderr);
            Assert.Contains("init-database --new-identity", refused.Stderr);
            Assert.DoesNotContain("   at ", refused.Stderr);
            Assert.Equal(before, afterRefusal);

            // 2. Its own identity; the copy's daemon runs, and the original's processes stay untouched.
            var init = await ToolProcess.RunAsync(["init-database", "-d", copyConfig, "--new-identity"]);
            output.WriteLine($"init-database --new-identity: exit {init.ExitCode}: {init.Stdout.Trim()} {init.Stderr.Trim()}");
            Assert.Equal(0, init.ExitCode);
            var ran = await RunDaemonOnceAsync(copyConfig);
            var afterCopyRan = JobProcesses(original.ConfigPath);
            int adoptedInCopy;
            await using (var copyDb = SatDaemon.Database.SatDbFactory.FromConfig(SatDaemon.Configuration.ConfigLoader.Load(copyConfig)).Create())
                adoptedInCopy = await copyDb.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Adopted);
            output.WriteLine($"copy's daemon --once: exit {ran.Exit}; original job processes after it {afterCopyRan.Count} ({string.Join(",", afterCopyRan)}); adopted in the copy {adoptedInCopy}");
            Assert.Equal(0, ran.Exit);
            Assert.Equal(before, afterCopyRan);
            Assert.Equal(0, adoptedInCopy);
            Assert.False(daemon.HasExited, "the original's daemon stopped");
        }
        finally
        {
            KillMatching(copyDir);
            await dropCopy();
        }
    }

    /// <summary>Pids of the job exec processes launched with this config (the launch line carries -d CONFIG), sorted.</summary>
    private static List<int> JobProcesses(string config) =>
        ProcessCensus.All().Where(p => p.Args.Contains("job exec", StringComparison.Ordinal) && p.Args.Contains(config, StringComparison.Ordinal))
            .Select(p => p.Pid).Order().ToList();

    private static async Task<(int Exit, string Stderr)> RunDaemonOnceAsync(string config)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { TestBinaries.DaemonDll, "run", "-d", config, "--once" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        await stdout;
        return (p.ExitCode, await stderr);
    }

    private static async Task<(string Url, Func<Task> Drop)> DumpAndRestoreAsync(DaemonTestBed original)
    {
        var copy = PostgresDatabase.Reserve();
        var source = new NpgsqlConnectionStringBuilder(original.Db is PostgresDatabase pg ? pg.ConnectionString : throw new InvalidOperationException());
        var bin = Environment.GetEnvironmentVariable("SATDAEMON_TEST_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var dump = Path.Combine(original.Dir, "original.dump");
        var env = new Dictionary<string, string?> { ["PGPASSWORD"] = source.Password };
        await RunAsync(Path.Combine(bin, "pg_dump"), ["-Fc", "-h", source.Host!, "-p", source.Port.ToString(), "-U", source.Username!, "-f", dump, source.Database!], env);
        await RunAsync(Path.Combine(bin, "createdb"), ["-h", source.Host!, "-p", source.Port.ToString(), "-U", source.Username!, copy.Name], env);
        await RunAsync(Path.Combine(bin, "pg_restore"), ["-h", source.Host!, "-p", source.Port.ToString(), "-U", source.Username!, "-d", copy.Name, "--no-owner", dump], env);
        return (copy.Url, async () => await copy.DisposeAsync());
    }

    private static (string Url, Func<Task> Drop) CopySqliteFile(DaemonTestBed original, string copyDir)
    {
        // As an operator would: cp satdaemon.db* (the WAL and its index with it, so the copy is consistent).
        var file = ((SqliteDatabase)original.Db).FilePath;
        var target = Path.Combine(copyDir, "satdaemon.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(file + suffix)) File.Copy(file + suffix, target + suffix);
        return ("sqlite:///" + target, () => Task.CompletedTask);
    }

    private static async Task RunAsync(string program, string[] args, IReadOnlyDictionary<string, string?> env)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {p.ExitCode}: {await err}");
    }

    /// <summary>Whatever the copy launched (its own identity, its own dir in the path) is the test's to stop.</summary>
    private static void KillMatching(string text)
    {
        using var pk = Process.Start(new ProcessStartInfo("pkill", ["-f", text]) { UseShellExecute = false });
        pk?.WaitForExit();
    }
}
