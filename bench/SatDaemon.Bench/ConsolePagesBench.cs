using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
/// ≤ 300 kB, the first overview after start ≤ 500 ms, an unchanged refresh ≤ 5 kB; at 3·10^4 pending × 200 machines
/// (--scale large) every page ≤ 500 ms. Each page is also a row of the aims table.
/// </summary>
internal static class ConsolePagesBench
{
    /// <summary>At this many pending jobs and machines the page aim is issue 27's large one (500 ms) instead of 200 ms.</summary>
    private const int LargePending = 25_000, LargeMachines = 150;

    public static async Task RunAsync(SatDaemonConfig config, SatDbFactory factory, ProcDaemon daemon, int repeats, ResultTable table,
        AimTable aims, int pendingJobs, CancellationToken ct)
    {
        var large = pendingJobs >= LargePending && config.Machines.Count >= LargeMachines;
        var pageMs = large ? 500.0 : 200.0;
        var scale = large ? $" at {pendingJobs:N0} pending × {config.Machines.Count} machines" : "";
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
        var started = Stopwatch.StartNew();
        await app.StartAsync(ct);
        // The console builds each page once in the background after start (ConsoleWarmup); a person opening it a few
        // seconds after start finds it warm. Waited for here, and its length reported, so "first" means the first request.
        var warmup = app.Services.GetRequiredService<ConsoleWarmup>();
        await warmup.Done.WaitAsync(ct);
        table.Add("console warm-up after start (background)", Fmt.Ms(warmup.Took!.Value.TotalMilliseconds),
            $"every live page built once in process; ready {Fmt.Ms(started.Elapsed.TotalMilliseconds)} after StartAsync");
        using var http = new HttpClient { BaseAddress = new Uri(WebConsole.Url(app)), Timeout = TimeSpan.FromMinutes(2) };

        var id = Uri.EscapeDataString(frame);
        (string What, string Path, string Aim)[] pages =
        [
            ("console: overview (/), first after start", "/", "aim ≤ 500 ms; after the warm-up; reads the reasons the daemon stored, plans nothing"),
            ("console: overview (/), warm", "/", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frame page", $"/frames/{id}", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frame page, all rows", $"/frames/{id}?rows=all", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: image page", $"/frames/{id}/{date:yyyy-MM-dd}", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frames list", "/frames", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: frames map", "/map", "aim ≤ 200 ms, ≤ 300 kB"),
            ("console: jobs (first 200 pending)", "/jobs", "aim ≤ 200 ms, ≤ 300 kB"),
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
            var ms = Stats.Median(times);
            table.Add(what, Fmt.Ms(ms),
                $"{(first ? "one fetch" : $"median of {repeats}")}; {Fmt.F(bytes / 1024.0, "0")} kB{(aim.Length > 0 ? "; " + aim : "")}");
            var kb = bytes / 1024.0;
            if (first)
                aims.Add(what, $"{Fmt.Ms(ms)}, {Fmt.F(kb, "0")} kB", "≤ 500 ms", new AimTable.Part(ms, 500), "one fetch, after the warm-up");
            else if (aim.Length > 0)
                aims.Add(what + scale, $"{Fmt.Ms(ms)}, {Fmt.F(kb, "0")} kB", $"≤ {pageMs:0} ms, ≤ 300 kB",
                    [new AimTable.Part(ms, pageMs), new AimTable.Part(kb, 300)], $"median of {repeats}, server and loopback");
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
            var cheap = 0;
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
                // 304 found from the data version without rendering (UnchangedCheck); else the page was rendered and hashed.
                if (response.Headers.Contains("X-Console-Unchanged")) cheap++;
            }
            var ms = Stats.Median(times);
            var kb = bytes / 1024.0;
            aims.Add(what.Replace("console: ", "console refresh, unchanged: ") + scale, $"{Fmt.Ms(ms)}, {Fmt.F(kb, "0.0")} kB", "≤ 5 kB",
                new AimTable.Part(kb, 5), $"HTTP {status}; {cheap} of {repeats} answered from the data version without rendering");
            table.Add(what.Replace("console: ", "console refresh, unchanged: "), Fmt.Ms(ms),
                $"median of {repeats}; HTTP {status}, {Fmt.F(kb, "0.0")} kB with headers, {cheap} of {repeats} from the data version; aim ≤ 5 kB");
        }
        await app.StopAsync(ct);
    }
}
