using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Database.Trends;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// Issue 27 items 4 and 6 over HTTP on a real Kestrel: the charts carry exactly the history the test inserted, an
/// unchanged refresh is a 304 with no body, a 300-date frame counts and orders its rows, the sample writer writes what
/// the tables hold and deletes what is past its retention, and new fields are escaped.
/// </summary>
public abstract class ConsoleScaleFacts(WebTestBed bed, DateTime seededAt, ITestOutputHelper output)
{
    [ProviderFact]
    public async Task Trend_charts_have_the_points_of_the_inserted_events_and_samples()
    {
        var svg = Svgs(await bed.GetAsync("/trends?window=24h&partial=1"));

        foreach (var kind in new[] { JobEventKinds.Launched, JobEventKinds.Failed, JobEventKinds.Finished })
        {
            // The base seed's own launches carry no job type (drawn as "?"); the scale bed's types are compared.
            var bars = svg["chart-" + kind].Descendants("rect").Where(r => r.Attribute("data-series") is { Value: not "?" })
                .Select(r => ((string)r.Attribute("data-series")!, (string)r.Attribute("data-bucket")!, (string)r.Attribute("data-value")!)).ToList();
            var expected = ScaleWebBed.Events.Where(e => e.Kind == kind)
                .Select(e => (e.Type, Iso(ScaleWebBed.HourBucket(seededAt, e.HoursBack)), e.Count.ToString(CultureInfo.InvariantCulture))).ToList();
            output.WriteLine($"{kind}: drawn [{string.Join(", ", bars)}], inserted [{string.Join(", ", expected)}]");
            Assert.Equal(expected.OrderBy(x => x.Item1, StringComparer.Ordinal), bars.OrderBy(x => x.Item1, StringComparer.Ordinal));
        }

        var reasons = Lines(svg["chart-reasons"]);
        var buckets = ((string)svg["chart-reasons"].Attribute("data-buckets")!).Split(' ');
        foreach (var (back, _, pending, text) in ScaleWebBed.Samples)
        {
            var i = Array.IndexOf(buckets, Iso(ScaleWebBed.QuarterBucket(seededAt, back)));
            output.WriteLine($"sample {back} quarters back (bucket {i}): inserted {text}; drawn " +
                string.Join(", ", reasons.Select(r => $"{r.Key}={r.Value[i]}")));
            Assert.True(i >= 0, "the sample's bucket is on the chart");
            foreach (var (reason, count) in TrendSampleWriter.ParseReasons(text)) Assert.Equal(count.ToString(CultureInfo.InvariantCulture), reasons[reason][i]);
            Assert.Equal(pending.ToString(CultureInfo.InvariantCulture), Lines(svg["chart-queue"])["pending"][i]);
        }
        // Between and around the samples nothing was sampled: no value is made up (a later sample without the reason is 0).
        Assert.Equal(ScaleWebBed.Samples.Length, reasons["memory"].Count(v => v is not "-" and not "0"));

        // A machine's row holds until its next one (written on change, at least hourly): 24 cpus from 6 h back until the
        // row of 1 h back says 8; the budget line is the sampled budget.
        var machine = Svgs(await bed.GetAsync("/machines/m01?window=24h&partial=1"))["machine-cpus"];
        var mBuckets = ((string)machine.Attribute("data-buckets")!).Split(' ');
        var used = Lines(machine)["cpus used"];
        var (first, last) = (Array.IndexOf(mBuckets, Iso(ScaleWebBed.QuarterBucket(seededAt, 24))), Array.IndexOf(mBuckets, Iso(ScaleWebBed.QuarterBucket(seededAt, 4))));
        output.WriteLine($"m01 cpus from bucket {first}: {string.Join(' ', used.Skip(first).Take(last - first + 2))}");
        Assert.Equal(["24", "24", "24", "24"], used.Skip(first).Take(4)); // within the hour the row holds
        Assert.Equal("8", used[last]);
        Assert.Equal("-", used[first - 1]); // before the first row nothing is known
        Assert.Equal("32", Lines(machine)["budget"][last]);
    }

    [ProviderFact]
    public async Task An_unchanged_refresh_answers_304_with_no_body_and_a_change_answers_200()
    {
        foreach (var path in new[] { "/", "/frames", "/frames/" + ScaleWebBed.LongFrame, "/frames/" + WebTestBed.Frame + "/2020-01-13", "/jobs", "/map",
                     "/bursts", "/history", "/trends", "/machines/m01" })
        {
            var first = await bed.Http.GetAsync(bed.BaseUrl + path + (path.Contains('?') ? "&" : "?") + "partial=1");
            var tag = first.Headers.ETag?.Tag;
            var size = (await first.Content.ReadAsByteArrayAsync()).Length;
            using var again = new HttpRequestMessage(HttpMethod.Get, bed.BaseUrl + path + "?partial=1");
            again.Headers.TryAddWithoutValidation("If-None-Match", tag);
            var second = await bed.Http.SendAsync(again);
            var bytes = (await second.Content.ReadAsByteArrayAsync()).Length;
            output.WriteLine($"{path}: {(int)first.StatusCode} {size} B etag {tag} → refresh {(int)second.StatusCode} {bytes} B");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.NotNull(tag);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Equal(0, bytes);
        }

        // On PostgreSQL an unchanged poll is answered from the data version (the WAL position) without rendering, marked
        // by its header; the server is shared with other tests, whose writes move it, so a few polls are allowed for one.
        // SQLite has no such version: every poll renders and none is so marked.
        var current = (await bed.Http.GetAsync(bed.BaseUrl + "/?partial=1")).Headers.ETag!.Tag;
        var fromVersion = 0;
        for (var i = 0; i < 20 && fromVersion == 0; i++)
        {
            using var cheap = new HttpRequestMessage(HttpMethod.Get, bed.BaseUrl + "/?partial=1");
            cheap.Headers.TryAddWithoutValidation("If-None-Match", current);
            using var answer = await bed.Http.SendAsync(cheap);
            Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
            if (answer.Headers.Contains("X-Console-Unchanged")) fromVersion++;
        }
        output.WriteLine($"polls answered from the data version: {fromVersion} ({(bed.Db.Factory.IsSqlite ? "SQLite" : "PostgreSQL")})");
        Assert.Equal(bed.Db.Factory.IsSqlite ? 0 : 1, fromVersion);

        // A job's progress moves: the overview's main part changed, so the old tag gets the new page (on PostgreSQL the
        // write moved the data version, so the page is rendered again rather than taken for unchanged).
        var before = (await bed.Http.GetAsync(bed.BaseUrl + "/?partial=1")).Headers.ETag!.Tag;
        await bed.SetProgressAsync(63);
        using var poll = new HttpRequestMessage(HttpMethod.Get, bed.BaseUrl + "/?partial=1");
        poll.Headers.TryAddWithoutValidation("If-None-Match", before);
        var changed = await bed.Http.SendAsync(poll);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("63%", await changed.Content.ReadAsStringAsync());
    }

    [ProviderFact]
    public async Task A_300_date_frame_counts_its_rows_in_the_header_and_lists_failed_then_running_rows_first()
    {
        var html = await bed.GetAsync("/frames/" + ScaleWebBed.LongFrame + "?partial=1");

        var counts = Regex.Matches(html, """data-count="(\w+)">(\d+) """).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        output.WriteLine("header: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        Assert.Equal(ScaleWebBed.FailedAt.Length, counts["failed"]);
        Assert.Equal(ScaleWebBed.RunningAt.Length, counts["running"]);
        Assert.Equal(ScaleWebBed.WaitingAt.Length + 1, counts["waiting"]); // and the time-series row, waiting as a new frame's is
        // The inserted ifg rows not failed, running or waiting, and the master row.
        Assert.Equal(ScaleWebBed.Dates - ScaleWebBed.FailedAt.Length - ScaleWebBed.RunningAt.Length - ScaleWebBed.WaitingAt.Length + 1, counts["complete"]);

        var shown = Regex.Matches(html, """<tr data-table="\w+" data-row="([^"]+)">""").Select(m => m.Groups[1].Value).ToList();
        var failed = ScaleWebBed.FailedAt.Select(i => Day(i)).ToList();
        var running = ScaleWebBed.RunningAt.Select(i => Day(i)).ToList();
        output.WriteLine($"first rows: {string.Join(" ", shown.Take(6))}; {shown.Count} rows on the page");
        Assert.Equal(failed.Concat(running), shown.Take(failed.Count + running.Count));
        Assert.DoesNotContain(Day(1), shown); // complete: hidden until "show all"
        Assert.Contains("id=\"grid-show-all\"", html);

        var all = await bed.GetAsync("/frames/" + ScaleWebBed.LongFrame + "?rows=all&page=6&partial=1");
        var lastPage = Regex.Matches(all, """<tr data-table="\w+" data-row="([^"]+)">""").Count;
        output.WriteLine($"rows=all page 6: {lastPage} rows");
        Assert.Equal(ScaleWebBed.Dates + 2 - 5 * 60, lastPage); // 300 ifg + master + time series, 60 a page (docs/web.md)
    }

    /// <summary>
    /// The frame page's "Software versions" table counts the rows its grid read (one read for both since issue 27): per
    /// stage, the rows past it or complete at it, as the test inserted them (ScaleWebBed), none with a version recorded.
    /// </summary>
    [ProviderFact]
    public async Task A_300_date_frame_counts_the_rows_that_did_each_stage_in_its_versions_table()
    {
        var html = await bed.GetAsync("/frames/" + ScaleWebBed.LongFrame);
        var table = Regex.Match(html, """<table id="versions">(.*?)</table>""", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(table, """<tr><td>(\w+)</td><td>(\w+)</td><td>([^<]*)</td><td>(\d+)</td></tr>""")
            .ToDictionary(m => $"{m.Groups[1].Value} {m.Groups[2].Value}", m => (Version: m.Groups[3].Value, Rows: int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)));
        output.WriteLine("versions: " + string.Join("; ", rows.Select(r => $"{r.Key} {r.Value.Version} {r.Value.Rows}")));

        var complete = ScaleWebBed.Dates - ScaleWebBed.FailedAt.Length - ScaleWebBed.RunningAt.Length - ScaleWebBed.WaitingAt.Length;
        // Failed and running rows are at slc (stage 2): past download. Waiting rows are at download, not done with it.
        Assert.Equal(complete + ScaleWebBed.FailedAt.Length + ScaleWebBed.RunningAt.Length, rows["ifg download"].Rows);
        Assert.Equal(complete, rows["ifg slc"].Rows);
        Assert.Equal(complete, rows["ifg satsar"].Rows);
        Assert.Equal(1, rows["master master_geo"].Rows); // the master row, complete at its stage 3
        Assert.DoesNotContain(rows.Keys, k => k.StartsWith("rsar_ifg", StringComparison.Ordinal)); // none inserted
        Assert.All(rows.Values, r => Assert.Equal("(none recorded)", r.Version));
    }

    [ProviderFact]
    public async Task The_sample_writer_writes_what_the_job_tables_hold_and_deletes_samples_past_retention()
    {
        await bed.Db.AddAsync(new TrendSample { At = DateTime.UtcNow - TrendSampleWriter.Retention - TimeSpan.FromHours(1), Running = 99 });
        var writer = new TrendSampleWriter(bed.Db.Factory, ScaleWebBed.FortyMachines, TimeProvider.System);

        var written = await writer.WriteAsync(CancellationToken.None);
        var again = await writer.WriteAsync(CancellationToken.None);

        await using var db = bed.Db.Factory.Create();
        var running = await db.RunningJobs.CountAsync();
        var pending = await db.PendingJobs.CountAsync();
        var cluster = await db.TrendSamples.Where(s => s.Machine == null).OrderByDescending(s => s.At).FirstAsync();
        var m01 = await db.TrendSamples.Where(s => s.Machine == "m01").OrderByDescending(s => s.At).FirstAsync();
        var held = await db.RunningJobs.Where(j => j.Machine == "m01").SumAsync(j => j.Cpus);
        output.WriteLine($"written {written} then {again}; tables: {running} running, {pending} pending; cluster row {cluster.Running} running, {cluster.Pending} pending, '{cluster.Reasons}'; m01 {m01.Cpus}/{m01.CpusBudget} cpus");
        Assert.Equal(1 + ScaleWebBed.FortyMachines.Length, written); // the cluster row and every machine's first row
        Assert.Equal(1, again); // no machine changed within the hour: only the cluster row
        Assert.Equal((running, pending), (cluster.Running, cluster.Pending));
        Assert.Equal($"{TrendSampleWriter.NotPlanned}={pending}", cluster.Reasons); // the seed's pending rows carry no reason yet
        Assert.Equal((held, 32), (m01.Cpus, m01.CpusBudget));
        var expired = DateTime.UtcNow - TrendSampleWriter.Retention;
        Assert.False(await db.TrendSamples.AnyAsync(s => s.At < expired));
    }

    [ProviderFact]
    public async Task New_fields_show_a_script_as_text()
    {
        foreach (var path in new[] { "/trends", "/", "/machines/m01", "/frames/" + Uri.EscapeDataString(WebTestBed.ScriptFrame) })
        {
            var html = await bed.GetAsync(path);
            Assert.DoesNotContain("<script>alert", html);
        }
        Assert.Contains("&lt;script&gt;alert(", await bed.GetAsync("/trends"));
        Assert.Equal(HttpStatusCode.NotFound, (await bed.Http.GetAsync(bed.BaseUrl + "/machines/" + Uri.EscapeDataString("<script>"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bed.Http.GetAsync(bed.BaseUrl + "/trends?window=<b>")).StatusCode);
    }

    private static string Day(int i) => ScaleWebBed.Date(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Every chart of a page by id, parsed as XML (inline SVG is well-formed).</summary>
    internal static Dictionary<string, XElement> Svgs(string html) =>
        Regex.Matches(html, """<svg class="chart".*?</svg>""", RegexOptions.Singleline)
            .Select(m => XElement.Parse(m.Value)).ToDictionary(e => (string)e.Attribute("id")!);

    private static Dictionary<string, string[]> Lines(XElement svg) =>
        svg.Elements("g").Where(g => g.Attribute("data-values") is not null)
            .ToDictionary(g => (string)g.Attribute("data-series")!, g => ((string)g.Attribute("data-values")!).Split(' '));
}

public sealed class ConsoleScaleSqliteFacts(SqliteScaleBedFixture fixture, ITestOutputHelper output)
    : ConsoleScaleFacts(fixture.Bed, fixture.SeededAt, output), IClassFixture<SqliteScaleBedFixture>;

public sealed class ConsoleScalePostgresFacts(PostgresScaleBedFixture fixture, ITestOutputHelper output)
    : ConsoleScaleFacts(fixture.Bed, fixture.SeededAt, output), IClassFixture<PostgresScaleBedFixture>, IPostgresProviderFacts;
