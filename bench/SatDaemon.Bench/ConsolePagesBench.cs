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
/// The web console at scale, served as `satdaemon web` serves it (a real Kestrel on 127.0.0.1, the read-only planner
/// for wait reasons): each page fetched over loopback, median of the repeats, with its payload. Aims (issue 15):
/// overview and frame page ≤ 200 ms, frames map payload ≤ 2 MB.
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
            ("console: overview (/), first (plans)", "/", "aim ≤ 200 ms warm; the first view plans 10^4 pending jobs (shared 5 s)"),
            ("console: overview (/), warm", "/", "aim ≤ 200 ms"),
            ("console: frame page", $"/frames/{id}", "aim ≤ 200 ms"),
            ("console: image page", $"/frames/{id}/{date:yyyy-MM-dd}", "aim ≤ 200 ms"),
            ("console: frames list", "/frames", ""),
            ("console: frames map", "/map", "aim: payload ≤ 2 MB"),
            ("console: jobs (first 500 pending)", "/jobs", ""),
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
        await app.StopAsync(ct);
    }
}
