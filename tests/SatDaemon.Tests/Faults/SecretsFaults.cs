using System.Diagnostics;
using Npgsql;
using SatDaemon.Configuration;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;

namespace SatDaemon.Tests.Faults;

/// <summary>Secrets in the config: warned about when others can read the file, never written to any log.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class SecretsFaults
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData("postgresql://sat:s3cret@db/sat", "", 0x1A4, true)] // 644, password
    [InlineData("postgresql://sat:s3cret@db/sat", "", 0x1A0, true)] // 640: group may read
    [InlineData("postgresql://sat:s3cret@db/sat", "", 0x180, false)] // 600
    [InlineData("postgresql://sat@db/sat", "https://example.webhook.office.com/webhookb2/tok", 0x1A4, true)] // webhook only
    [InlineData("postgresql://sat@db/sat", "", 0x1A4, false)] // no secret at all
    [InlineData("sqlite:///tmp/x.db", "", 0x1A4, false)]
    public void A_config_holding_a_secret_that_others_can_read_gets_a_warning(string database, string webhook, int mode, bool warned)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.FullPath, "satdaemon.cfg");
        File.WriteAllText(path, new ConfigText(database).Set("PARAMETERS", "teams_webhook", webhook).ToString());
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        var warnings = ConfigSecurity.Warnings(ConfigLoader.Load(path)).ToList();
        Assert.Equal(warned, warnings.Count == 1);
        Assert.All(warnings, w => Assert.DoesNotContain("s3cret", w));
        Assert.All(warnings, w => Assert.DoesNotContain("tok", w));
    }

    [ServiceFact(Needs.Ssh)]
    public async Task Satdaemon_and_satdaemon_tools_warn_at_start_about_a_readable_config_with_a_password()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, 0.1); // URL with password, mode 644
        Assert.Contains(":", new Uri(bed.Db.Url).UserInfo);
        var tools = await ToolProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
        Assert.Contains("warning: ", tools.Stderr);
        Assert.Contains("chmod 600", tools.Stderr);
        var daemon = await RunDaemonOnceAsync(bed.ConfigPath);
        Assert.Contains("warning: ", daemon);
        Assert.Contains("chmod 600", daemon);

        File.SetUnixFileMode(bed.ConfigPath, Mode600);
        Assert.DoesNotContain("warning: ", (await ToolProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath)).Stderr);
        Assert.DoesNotContain("warning: ", await RunDaemonOnceAsync(bed.ConfigPath));
    }

    [ServiceFact(Needs.Ssh)]
    public async Task No_password_or_webhook_token_appears_in_any_log_through_a_failing_job_and_a_machine_failure()
    {
        var password = "Pw" + Guid.NewGuid().ToString("N");
        var token = "Tok" + Guid.NewGuid().ToString("N");
        var role = "sdt_secret_" + Guid.NewGuid().ToString("N")[..8];
        await using var teams = new LoopbackTeamsReceiver("/webhookb2/" + token);
        await using var bed = await FaultBed.CreateAsync("case {frame} in *FAIL*) exit 3;; esac; sleep 0.2");
        var pg = (PostgresDatabase)bed.Db;
        try
        {
            await using (var conn = new NpgsqlConnection(pg.ConnectionString))
            {
                await conn.OpenAsync();
                // Test-only role; names and password are ours (hex), DDL takes no parameters.
                foreach (var sql in new[]
                         {
                             $"CREATE ROLE {role} LOGIN PASSWORD '{password}'",
                             $"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}",
                             $"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}",
                         })
                {
                    await using var cmd = new NpgsqlCommand(sql, conn);
                    await cmd.ExecuteNonQueryAsync();
                }
            }
            var b = new NpgsqlConnectionStringBuilder(pg.ConnectionString);
            bed.Config.Set("PARAMETERS", "database", $"postgresql://{role}:{password}@{b.Host}:{b.Port}/{pg.Name}");
            bed.Config.Set("PARAMETERS", "teams_webhook", teams.Url);
            bed.Config.Set("PROC_MACHINES:ssh2", "port", FreePort.Next().ToString()); // nothing listens: a machine failure
            bed.WriteConfig();
            await bed.AddFrameAsync("001A_SECRET_FAIL", 2, ProcLevel.Download);

            var logs = new CapturingLoggerProvider();
            await using (var daemon = bed.StartInProcess(logs))
            {
                await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(2), "downloads ended", dump: bed.Factory);
                Assert.True(await teams.WaitForReceivedAsync(2, TimeSpan.FromSeconds(30)), "Teams got the failure and the machine posts");
            }
            Assert.Contains(logs.Lines, l => l.EventId == 1060 && l.Text.Contains("ssh2"));
            Assert.Equal(2, await bed.CountAsync<FailedJob>());

            // The same config through the process daemon and a tool: their whole stdout and stderr.
            var processOutput = await RunDaemonOnceAsync(bed.ConfigPath);
            var tools = await ToolProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath);
            var jobLogs = Directory.EnumerateFiles(bed.ProcDir, "*", SearchOption.AllDirectories).Select(File.ReadAllText);
            var everything = string.Join('\n', [logs.AllText, processOutput, tools.Stdout, tools.Stderr, .. jobLogs]);
            Assert.Contains("launched job", everything); // the capture is real
            Assert.DoesNotContain(password, everything);
            Assert.DoesNotContain(token, everything);
        }
        finally
        {
            await bed.DisposeAsync();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {role}", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>`satdaemon run --once` as a process; its stdout and stderr together.</summary>
    private static async Task<string> RunDaemonOnceAsync(string config)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { DaemonTestBed.DaemonDll, "run", "--once", "-d", config }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return await stdout + "\n" + await stderr;
    }
}
