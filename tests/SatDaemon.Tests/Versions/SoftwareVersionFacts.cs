using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Faults;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Versions;

/// <summary>
/// The issue's story end to end with the real daemon and the ledger job (its own record of every run, outside the
/// database): a frame of 3 dates processed with version_file saying 1.0; the file then says 2.0; frame reprocess
/// --stage coreg --older-than 2.0 (after a dry run and a refusal while a row runs) sets back exactly the ifg rows'
/// coreg, the rsar_ifg pairs that use them and the time series, and the daemon runs exactly those jobs again.
/// </summary>
public sealed class SoftwareVersionFacts(ITestOutputHelper output)
{
    private const string Frame = "001A_VERSIONS";

    [ServiceTheory(Needs.Postgres)]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task A_new_version_reprocesses_coreg_and_what_depends_on_it_and_nothing_else(TestProvider provider)
    {
        var ledger = LedgerJob.Create(progress: false);
        try
        {
            await RunAsync(provider, ledger);
        }
        finally
        {
            ledger.Cleanup();
        }
    }

    private async Task RunAsync(TestProvider provider, LedgerJob ledger)
    {
        await using var bed = await DaemonTestBed.CreateAsync(provider, simulate: false);
        var software = Path.Combine(bed.Dir, "software");
        Directory.CreateDirectory(software);
        var versionFile = Path.Combine(software, "VERSION");
        await File.WriteAllTextAsync(versionFile, "1.0\n");
        bed.Config.Set("PARAMETERS", "software_dir", software);
        ledger.Configure(bed.Config, 0.1);
        foreach (var type in ConfigText.DefaultJobTypes) bed.Config.Set("JOB:" + type, "version_file", "{software_dir}/VERSION");
        bed.WriteConfig();
        var dates = await bed.AddFrameAsync(Frame, 3);
        var ifgDates = dates.Skip(1).ToList();

        await RunUntilCompleteAsync(bed);
        var firstRuns = ledger.Read().Runs.Count;
        var before = await VersionsAsync(bed);
        output.WriteLine($"after the first processing: {firstRuns} runs; versions: {string.Join("; ", before)}");
        Assert.All(before, v => Assert.EndsWith("=1.0", v));

        await File.WriteAllTextAsync(versionFile, "2.0\n");
        var reprocess = new[] { "frame", "reprocess", Frame, "--stage", "coreg", "--older-than", "2.0", "-d", bed.ConfigPath };

        // Dry run: prints the rows by stage, changes nothing.
        var state = await StateAsync(bed);
        var dry = await ToolInProcess.RunAsync([.. reprocess, "--dry-run"]);
        output.WriteLine(dry.Stdout + dry.Stderr);
        Assert.Equal(0, dry.ExitCode);
        // The issue's dependents: the 2 ifg dates' coreg, the 3 pairs (each uses an ifg date), the time series.
        Assert.Contains("ifg coreg: 2", dry.Stdout);
        Assert.Contains("rsar_ifg coherence: 3", dry.Stdout);
        Assert.Contains("frames timeseries: 1", dry.Stdout);
        Assert.Equal(state, await StateAsync(bed));

        // A row whose job runs: refused, nothing changed.
        await using (var db = bed.Factory.Create())
            await db.Ifg.Where(i => i.FrameId == Frame && i.Date == ifgDates[0]).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStatus, ProcStatus.Running));
        var runningState = await StateAsync(bed);
        var refused = await ToolInProcess.RunAsync([.. reprocess, "--yes"]);
        output.WriteLine(refused.Stdout + refused.Stderr);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("cannot reprocess while these run", refused.Stderr);
        Assert.Equal(runningState, await StateAsync(bed));
        await using (var db = bed.Factory.Create())
            await db.Ifg.Where(i => i.FrameId == Frame && i.Date == ifgDates[0]).ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcStatus, ProcStatus.Complete));

        var done = await ToolInProcess.RunAsync([.. reprocess, "--yes"]);
        output.WriteLine(done.Stdout + done.Stderr);
        Assert.Equal(0, done.ExitCode);
        await using (var db = bed.Factory.Create())
        {
            var audit = await db.AuditLog.AsNoTracking().Where(a => a.Action == "reprocess" && a.FrameId == Frame).ToListAsync();
            output.WriteLine(string.Join("\n", audit.Select(a => $"audit: {a.UserName} {a.Action} {a.Target}: {a.Before} → {a.After}")));
            Assert.Single(audit);
        }

        await RunUntilCompleteAsync(bed);
        // The ledger's own count: which targets ran a second time.
        var again = ledger.Read().ByTarget.Where(t => t.Value.Count > 1).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        var d = (DateOnly x) => x.ToString("yyyyMMdd");
        var expected = ifgDates.SelectMany(x => new[] { $"coreg_{Frame}_{d(x)}", $"satsar_{Frame}_{d(x)}" })
            .Concat(new[] { (0, 1), (0, 2), (1, 2) }.SelectMany(p => new[] { $"coherence_{Frame}_{d(dates[p.Item1])}_{d(dates[p.Item2])}", $"unwrap_{Frame}_{d(dates[p.Item1])}_{d(dates[p.Item2])}" }))
            .Concat([$"timeseries_{Frame}", $"ingest_{Frame}"]).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"ran again: {string.Join(", ", again)}");
        Assert.Equal(expected, again);
        Assert.All(ledger.Read().ByTarget.Values, runs => Assert.True(runs.Count <= 2));

        var after = await VersionsAsync(bed);
        output.WriteLine($"versions after: {string.Join("; ", after)}");
        string[] redone = ["ifg coreg", "ifg satsar", "rsar_ifg coherence", "rsar_ifg unwrap", "frames timeseries", "frames ingest"];
        foreach (var v in after)
            Assert.EndsWith(redone.Any(r => v.StartsWith(r + "=", StringComparison.Ordinal)) ? "=2.0" : "=1.0", v);
        Assert.Equal(before.Count, after.Count);

        // The runs' own records carry the version they ran with.
        await using (var db = bed.Factory.Create())
        {
            var starts = await db.JobEvents.AsNoTracking().Where(e => e.Kind == "running").Select(e => e.Message).ToListAsync();
            output.WriteLine($"start events with 2.0: {starts.Count(m => m!.EndsWith("version 2.0"))}, with 1.0: {starts.Count(m => m!.EndsWith("version 1.0"))}");
            Assert.Equal(expected.Count, starts.Count(m => m!.EndsWith("version 2.0")));
            Assert.Equal(firstRuns, starts.Count(m => m!.EndsWith("version 1.0")));
            var lastJob = await db.JobEvents.AsNoTracking().Where(e => e.Kind == "finished").MaxAsync(e => e.JobId);
            var show = await ToolInProcess.RunAsync("ctl", "show", lastJob.ToString(System.Globalization.CultureInfo.InvariantCulture), "-d", bed.ConfigPath);
            output.WriteLine(show.Stdout);
            Assert.Contains("Version=2.0", show.Stdout);
        }
    }

    private static async Task RunUntilCompleteAsync(DaemonTestBed bed)
    {
        await using var daemon = bed.StartInProcess();
        await WaitFor.ConditionAsync(() => bed.AllCompleteAsync(Frame), TimeSpan.FromMinutes(4), "every row complete", dump: bed.Factory);
    }

    /// <summary>frame versions --json as "table stage=version" lines (rows counted per version).</summary>
    private static async Task<List<string>> VersionsAsync(DaemonTestBed bed)
    {
        var r = await ToolInProcess.RunAsync("frame", "versions", Frame, "--json", "-d", bed.ConfigPath);
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        return json.RootElement.EnumerateArray()
            .Select(e => $"{e.GetProperty("table").GetString()} {e.GetProperty("stage").GetString()}={e.GetProperty("version").GetString()}").ToList();
    }

    /// <summary>Every row's stage and status, and the pending jobs, as text to compare.</summary>
    private static async Task<string> StateAsync(DaemonTestBed bed)
    {
        await using var db = bed.Factory.Create();
        var rows = (await db.Master.AsNoTracking().Select(r => $"m {r.Date} {r.ProcStage}/{r.ProcStatus}").ToListAsync())
            .Concat(await db.Ifg.AsNoTracking().Select(r => $"i {r.Date} {r.ProcStage}/{r.ProcStatus}").ToListAsync())
            .Concat(await db.RsarIfg.AsNoTracking().Select(r => $"r {r.Date1} {r.Date2} {r.ProcStage}/{r.ProcStatus}").ToListAsync())
            .Concat(await db.Frames.AsNoTracking().Select(f => $"f {f.Id} {f.TsStage}/{f.TsStatus}").ToListAsync())
            .Append($"pending {await db.PendingJobs.CountAsync()}");
        return string.Join("\n", rows.Order(StringComparer.Ordinal));
    }
}
