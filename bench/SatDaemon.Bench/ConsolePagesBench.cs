using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Bench;

/// <summary>
/// The web console at scale, served as `satdaemon web` serves it (a real Kestrel on 127.0.0.1, wait reasons as the
/// daemon stored them): each page fetched over loopback, median of the repeats, with its payload; then each live page's
/// refresh with nothing changed (If-None-Match of its last answer). Aims (issues 15, 27): every page ≤ 200 ms warm and
/// ≤ 300 kB, the first overview after start ≤ 500 ms, an unchanged refresh ≤ 5 kB.
/// </summary>
internal static class ConsolePagesBench
{
    public static async Task RunAsync(SatDaemonConfig config, SatDbFactory factory, ProcDaemon daemon, int repeats, ResultTable table,
        CancellationToken ct)
    {
        string frame;
        DateOnly date;
        await using (var db = factory.Create())
        {
            // The busiest frame: the one with most ifg rows, so its grid is the largest a person would open.
            frame = await db.Ifg.GroupBy(i => i.FrameId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
            date = await db.Ifg.Where(i => i.FrameId == frame).OrderBy(i => i.Date).Select(i => i.Date).Skip(1).FirstAsync(ct);
        }
        var insight = new DaemonInsight(daemon, new DaemonStore(factory, TimeProvider.System), TimeProvider.System, healthKnown: false);
        await using var app = WebConsole.Build(new ConsoleData(config, factory, insight, TimeProvider.System), new ListenAddress("127.0.0.1", 0),
            logging => logging.ClearProviders());
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(WebConsole.Url(app)), Timeout = TimeSpan.FromMinutes(2) };

        var id = Uri.EscapeDataString(frame);
        (string What, string Path, string Aim)[] pages =
        [
            ("console: overview (/), first after start", "/", "aim ≤ 500 ms; reads the reasons the daemon stored, plans nothing"),
            ("console: overview (/), warm", "/", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frame page", $"/frames/{id}", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frame page, all rows", $"/frames/{id}?rows=all", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: image page", $"/frames/{id}/{date:yyyy-MM-dd}", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frames list", "/frames", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frames map", "/map", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: jobs (first 500 pending)", "/jobs", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: trends, 24 h", "/trends", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: trends, 30 d", "/trends?window=30d", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: machine page", "/machines/m01", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: changes", "/history", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: /api/status", "/api/status", ""),
        ];
        var first = true;
        foreach (var (what, path, aim) in pages)
        {
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < (first ? 1 : repeats); i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(path, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                times.Add(watch.Elapsed.TotalMilliseconds);
                bytes = body.Length;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: HTTP {(int)response.StatusCode}");
            }
            table.Add(what, Fmt.Ms(Stats.Median(times)),
                $"{(first ? "one fetch" : $"median of {repeats}")}; {Fmt.F(bytes / 1024.0, "0")} kB{(aim.Length > 0 ? "; " + aim : "")}");
            first = false;
        }
        // The live refresh with nothing changed: the poll carries the ETag of the part it has and gets 304, no body.
        foreach (var (what, path, _) in pages.Skip(1).Where(p => !p.Path.StartsWith("/api", StringComparison.Ordinal)))
        {
            var partial = path + (path.Contains('?') ? "&" : "?") + "partial=1";
            using var before = await http.GetAsync(partial, ct);
            var tag = before.Headers.ETag?.Tag;
            var times = new List<double>();
            long bytes = 0;
            var status = 0;
            for (var i = 0; i < repeats; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, partial);
                if (tag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", tag);
                var watch = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                times.Add(watch.Elapsed.TotalMilliseconds);
                // What crosses the wire: the body and the response headers (status line, ETag, CSP, …).
                bytes = body.Length + response.Headers.ToString().Length + response.Content.Headers.ToString().Length;
                status = (int)response.StatusCode;
            }
            table.Add(what.Replace("console: ", "console refresh, unchanged: "), Fmt.Ms(Stats.Median(times)),
                $"median of {repeats}; HTTP {status}, {Fmt.F(bytes / 1024.0, "0.0")} kB with headers; aim ≤ 5 kB");
        }
        await app.StopAsync(ct);
    }
}
