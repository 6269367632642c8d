using System.Text.Json;
using SatDaemon.Configuration;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Tools;

/// <summary>
/// satdaemon-tools jobs usage over job_usage rows of known figures: the spread, the verdict against [JOB:download]
/// (cpus 1, memory 1 GB in <see cref="JobTestBed"/>), and INI lines that the real ConfigLoader reads back. The first
/// case runs the real process; the others run the command in-process (<see cref="ToolInProcess"/>).
/// </summary>
public sealed class JobsUsageCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_type_over_its_memory_budget_is_flagged_and_its_suggested_lines_parse_as_config()
    {
        using var bed = await JobTestBed.CreateAsync();
        // 20 runs: peak i × 100 MB and i × 0.05 cores (i = 1..20), 10 s each, 10 MB read + 40 MB written.
        await SeedAsync(bed, 20, i => (i * 100.0, i * 0.05));

        var result = await ToolProcess.RunAsync("jobs", "usage", "-d", bed.ConfigPath);
        output.WriteLine(result.ToString());

        Assert.Equal(0, result.ExitCode);
        // Nearest rank of 20: median is the 10th, p95 the 19th. Memory 1000 / 1900 / 2000 MB = 0.98 / 1.86 / 1.95 GB.
        Assert.Contains("0.98 / 1.86 / 1.95", result.Stdout);
        // Cores 0.5 / 0.95 / 1; disk (10 + 40) MB / 10 s = 5 MB/s every run; wall 10 s.
        Assert.Contains("0.5 / 0.95 / 1", result.Stdout);
        Assert.Contains("5 / 5 / 5", result.Stdout);
        Assert.Contains("memory over budget: p95 1.86 GB > 1 GB (overload risk)", result.Stdout);
        // Suggested: memory 1.855 GB × 1.2 = 2.23 → 2.5 (0.5 GB steps up to 8 GB); cores 0.95 × 1.2 = 1.14 → 2.
        var lines = SuggestedLines(result.Stdout);
        Assert.Equal(["[JOB:download]", "memory = 2.5", "cpus = 2"], lines);

        var pasted = Path.Combine(bed.Root, "pasted.cfg");
        await File.WriteAllTextAsync(pasted, Paste(await File.ReadAllTextAsync(bed.ConfigPath), lines));
        var config = ConfigLoader.Load(pasted);
        Assert.Equal((2, 2.5), (config.JobTypes["download"].Cpus, config.JobTypes["download"].Memory));
    }

    [Fact]
    public async Task Json_by_frame_and_filters_and_bad_input()
    {
        using var bed = await JobTestBed.CreateAsync();
        await SeedAsync(bed, 3, i => (100, 0.2));

        var json = await ToolInProcess.RunAsync("jobs", "usage", "--by", "frame", "--json", "-d", bed.ConfigPath);
        output.WriteLine(json.ToString());
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        var row = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(JobTestBed.FrameId, row.GetProperty("frame_id").GetString());
        Assert.Equal(3, row.GetProperty("runs").GetInt32());
        // Three runs are fewer than the five a verdict needs: figures, but no suggestion.
        Assert.Contains("too few runs", row.GetProperty("flags")[0].GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("suggestion").ValueKind);

        var none = await ToolInProcess.RunAsync("jobs", "usage", "--since", "2999-01-01", "-d", bed.ConfigPath);
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("no measured runs", none.Stdout);

        foreach (var (args, message) in new[]
        {
            (new[] { "--type", "downlaod" }, "unknown job type 'downlaod' (did you mean download?)"),
            (["--frame", "999A_NO_FRAME"], "unknown frame 999A_NO_FRAME"),
            (["--since", "2020-13-01"], "'2020-13-01' is not a date"),
        })
        {
            var bad = await ToolInProcess.RunAsync(["jobs", "usage", .. args, "-d", bed.ConfigPath]);
            output.WriteLine(bad.ToString());
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains(message, bad.Stderr);
            Assert.DoesNotContain("   at ", bad.Stderr); // no stack trace
        }
    }

    private static async Task SeedAsync(JobTestBed bed, int runs, Func<int, (double PeakMb, double Cores)> figures)
    {
        await using var db = bed.Factory.Create();
        var t0 = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= runs; i++)
        {
            var (peak, cores) = figures(i);
            db.JobUsage.Add(new JobUsageRecord
            {
                JobId = i, FrameId = JobTestBed.FrameId, JobType = "download", StageName = "download", Machine = JobTestBed.Machine,
                EndedAt = t0.AddHours(i), Success = i % 7 != 0, WallS = 10, CpuS = cores * 10, MeanCores = cores, PeakRssMb = peak,
                ReadMb = 10, WriteMb = 40, BudgetCpus = 1, BudgetMemory = 1, BudgetDisk = 1,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The lines after "suggested budgets": a section header and key = value lines.</summary>
    private static List<string> SuggestedLines(string stdout) =>
        stdout[stdout.IndexOf("suggested budgets", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>What an operator does with the lines: in the named section, each key's line is replaced by the suggested one.</summary>
    private static string Paste(string config, IReadOnlyList<string> lines)
    {
        var section = lines[0];
        var values = lines.Skip(1).ToDictionary(l => l[..l.IndexOf('=')].Trim(), l => l);
        var inSection = false;
        var result = new List<string>();
        foreach (var line in config.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith('[')) inSection = t.StartsWith(section, StringComparison.Ordinal);
            var key = t.Contains('=') ? t[..t.IndexOf('=')].Trim() : null;
            result.Add(inSection && key is not null && values.TryGetValue(key, out var replaced) ? replaced : line);
        }
        return string.Join('\n', result);
    }
}
