using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SatDaemon.Configuration;
using SatDaemon.Control;
using SatDaemon.Control.Usage;
using SatDaemon.Database.Jobs;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// jobs usage: each job type's measured use (job_usage, written with every job's end) against its [JOB:type] budget:
/// median / p95 / max of peak memory, mean cores, disk read+write rate and wall time; types whose p95 is over the budget
/// or under half of it are flagged, with the INI lines to paste.
/// </summary>
internal static class JobsUsageCommand
{
    public static Command Build()
    {
        var type = new Option<string?>("--type") { Description = "only this job type" };
        var frame = new Option<string?>("--frame") { Description = "only runs of this frame" };
        var since = new Option<string?>("--since") { Description = "only runs ended on or after this date (YYYY-MM-DD, UTC)" };
        var by = new Option<string>("--by") { Description = "one row per job type (type, the default) or per job type and frame (frame: frames differ in size)", DefaultValueFactory = _ => "type" };
        by.AcceptOnlyFromAmong("type", "frame");
        var margin = new Option<int>("--margin")
        {
            Description = $"percent added to the p95 in the suggested budget (default {UsageReport.DefaultMarginPercent})",
            DefaultValueFactory = _ => UsageReport.DefaultMarginPercent,
        };
        var minRuns = new Option<int>("--min-runs")
        {
            Description = $"runs a type needs before it gets a verdict and a suggestion (default {UsageReport.DefaultMinRuns})",
            DefaultValueFactory = _ => UsageReport.DefaultMinRuns,
        };
        var json = new Option<bool>("--json")
        {
            Description = "print as JSON: [{job_type, frame_id, runs, failed, memory_gb, cores, io_mb_per_s, wall_s ({median, p95, max}), "
                + "budget {cpus, memory, disk}, flags, suggestion {cpus, memory}, ini_lines}]",
        };
        var cmd = new Command("usage", "each job type's measured use (peak memory, mean cores, disk rate, wall; median / p95 / max) against "
            + "its [JOB:type] budget; flags p95 over the budget (overload risk) or under half of it (wasted), with INI lines to paste")
        {
            type, frame, since, by, margin, minRuns, json,
        };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var jobType = pr.GetValue(type);
            if (jobType is not null && !config.JobTypes.ContainsKey(jobType))
            {
                var near = NearestName.Find(jobType, config.JobTypes.Keys);
                throw new ArgumentException($"unknown job type '{jobType}'{(near is null ? "" : $" (did you mean {near}?)")}: the config has [JOB:{string.Join("], [JOB:", config.JobTypes.Keys)}]");
            }
            if (pr.GetValue(margin) is < 0 or > 1000) throw new ArgumentException("--margin must be 0 to 1000 (percent)");
            if (pr.GetValue(minRuns) < 1) throw new ArgumentException("--min-runs must be at least 1");
            DateTime? from = pr.GetValue(since) is { } text ? DateArgument.Parse(text).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;

            var runs = await new JobUsageHistory(ToolRunner.Factory(config)).ReadAsync(jobType, pr.GetValue(frame), from, ct);
            var rows = UsageReport.Build(runs, config.JobTypes, pr.GetValue(by) == "frame", pr.GetValue(margin), pr.GetValue(minRuns));
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(rows, StatusJson.Options));
                return ToolRunner.Ok;
            }
            Write(o, rows, from, pr.GetValue(margin));
            return ToolRunner.Ok;
        });
        return cmd;
    }

    private static void Write(TextWriter o, IReadOnlyList<UsageRow> rows, DateTime? since, int margin)
    {
        var what = since is { } s ? $"runs ended since {s:yyyy-MM-dd}" : "all runs";
        if (rows.Count == 0)
        {
            o.WriteLine($"no measured runs ({what}); job exec records each run's use with its end");
            return;
        }
        o.WriteLine($"measured use, {what} (med / p95 / max; budget from the config):");
        var table = new TextTable("type", "frame", "runs", "failed", "memory GB", "budget", "cores", "budget", "disk MB/s", "wall s", "verdict");
        foreach (var r in rows)
            table.Add(r.JobType, r.FrameId ?? "*", N(r.Runs), N(r.Failed), S(r.MemoryGb), r.Budget is { } b ? F(b.Memory) : "-", S(r.Cores),
                r.Budget is { } c ? N(c.Cpus) : "-", S(r.IoMbPerS, "0"), S(r.WallS, "0"), r.Flags.Count == 0 ? "fits" : string.Join("; ", r.Flags));
        table.Write(o);
        var lines = rows.Where(r => r.IniLines.Count > 0).ToList();
        if (lines.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"suggested budgets (p95 + {margin} %, rounded up); replace these keys in satdaemon.cfg:");
        foreach (var r in lines)
            foreach (var line in r.IniLines) o.WriteLine(line);
    }

    private static string S(Spread s, string format = "0.##") => $"{F(s.Median, format)} / {F(s.P95, format)} / {F(s.Max, format)}";

    private static string F(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);
}
