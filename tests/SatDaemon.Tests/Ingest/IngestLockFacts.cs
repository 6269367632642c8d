using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Ingest;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Ingest;

/// <summary>One ingest-files per database at a time (issue 19), with real satdaemon-tools processes.</summary>
public sealed class IngestLockFacts(ITestOutputHelper output)
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_second_ingest_exits_4_naming_the_holder_or_waits_for_it_with_wait(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.Dates64(Enumerable.Range(0, 5));
        var config = WriteConfig(db, data.Root);

        var held = await IngestLock.AcquireAsync(db.Factory, wait: false, TimeProvider.System, default);
        var refused = await ToolProcess.RunAsync("ingest-files", "-d", config);
        output.WriteLine(refused.ToString());
        Assert.Equal(4, refused.ExitCode);
        // The holder is this test process: its pid is in the message, read from the database or the holder file.
        Assert.Contains($"another ingest-files is running against {db.Factory.Url.DisplayName}: {Environment.MachineName} pid {Environment.ProcessId}", refused.Stderr);
        Assert.DoesNotContain("   at ", refused.Stderr);
        Assert.Equal(0, await FilesAsync(db));

        using var waiter = ToolProcess.Start(["ingest-files", "-d", config, "--wait"]);
        var stderr = new List<string>();
        waiter.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Add(e.Data); };
        waiter.BeginErrorReadLine();
        var stdout = waiter.StandardOutput.ReadToEndAsync();
        await WaitFor.ConditionAsync(() => { lock (stderr) return stderr.Any(l => l.StartsWith("waiting: another ingest-files", StringComparison.Ordinal)); },
            TimeSpan.FromMinutes(1), "the --wait ingest says it waits");
        // It said it waits, so it has looked at the lock: nothing may be ingested until the holder lets go.
        Assert.Equal(0, await FilesAsync(db));
        await held.DisposeAsync();
        await waiter.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine($"--wait: exit {waiter.ExitCode}\n{await stdout}{string.Join("\n", stderr)}");
        Assert.Equal(0, waiter.ExitCode);
        Assert.Equal(5, await FilesAsync(db));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Two_ingests_started_at_once_do_not_both_ingest(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        const int zips = 30;
        data.Dates64(Enumerable.Range(0, zips));
        var config = WriteConfig(db, data.Root);

        using var a = ToolProcess.Start(["ingest-files", "-d", config, "--json"]);
        using var b = ToolProcess.Start(["ingest-files", "-d", config, "--json"]);
        var results = await Task.WhenAll(ToolProcess.CollectAsync(a, TimeSpan.FromMinutes(2)), ToolProcess.CollectAsync(b, TimeSpan.FromMinutes(2)));
        var pids = new[] { a.Id, b.Id };
        for (var i = 0; i < 2; i++) output.WriteLine($"process {pids[i]}: {results[i]}");

        // Counted in the world: each product is in files once, and the two runs' own "added" figures sum to that.
        var files = await FilesAsync(db);
        output.WriteLine($"files rows {files}; exit codes {results[0].ExitCode}, {results[1].ExitCode}");
        Assert.Equal(zips, files);
        var added = results.Where(r => r.ExitCode == 0).Sum(r => JsonDocument.Parse(r.Stdout).RootElement.GetProperty("added").GetInt32());
        Assert.Equal(zips, added);
        Assert.All(results, r => Assert.Contains(r.ExitCode, new[] { 0, 4 }));
        // Either the second was refused naming the first, or it started after the first had finished and found nothing new.
        for (var i = 0; i < 2; i++)
        {
            if (results[i].ExitCode == 4)
            {
                Assert.Equal(0, results[1 - i].ExitCode);
                Assert.Contains($"pid {pids[1 - i]}", results[i].Stderr);
            }
        }
    }

    private static async Task<int> FilesAsync(IngestTestDb db)
    {
        await using var ctx = db.Factory.Create();
        return await ctx.Files.CountAsync();
    }

    private static string WriteConfig(IngestTestDb db, string dataDir)
    {
        var path = db.Temp.Path("satdaemon.cfg");
        File.WriteAllText(path, new ConfigText(db.Url, 1, db.Temp.Path("proc"), dataDir).ToString());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds the test database's password
        return path;
    }
}
