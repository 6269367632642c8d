using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SatDaemon.Web.Html;
using SatDaemon.Web.Pages;
using SatDaemon.Web.Trends;

namespace SatDaemon.Web.Hosting;

/// <summary>The trends page and the machine pages (?window=6h|24h|7d|30d); live like the overview.</summary>
internal static class TrendEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/trends", async (string? window, HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            if (TrendWindow.Parse(window) is not { } w) return BadWindow(http, "/trends", window);
            var status = await d.StatusAsync(ct);
            var view = await LoadAsync(d, null, w, ct);
            return PageEndpoints.Page(http, "Trends", "Trends", TrendsPage.Render(view, status.Machines), PageEndpoints.LiveMs);
        });
        app.MapGet("/machines/{name}", async (string name, string? window, HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            if (TrendWindow.Parse(window) is not { } w) return BadWindow(http, MachinePage.Href(name), window);
            var status = await d.StatusAsync(ct);
            if (status.Machines.FirstOrDefault(m => m.Machine == name) is not { } usage)
                return PageEndpoints.Page(http, "No such machine", "Overview",
                    new HtmlBuilder().Add($"""<h1>No machine {name}</h1><p>neither configured nor running a job; <a href="/">overview</a></p>""").ToHtml(), null, 404);
            var view = await LoadAsync(d, name, w, ct);
            var health = d.Insight.MachineHealth.FirstOrDefault(x => x.Machine == name);
            return PageEndpoints.Page(http, "Machine " + name, "Overview", MachinePage.Render(status, usage, health, view), PageEndpoints.LiveMs);
        });
    }

    /// <summary>The charts of one window: job events by type, and the cluster's (machine null) or one machine's samples.</summary>
    public static async Task<TrendView> LoadAsync(ConsoleData d, string? machine, TrendWindow w, CancellationToken ct)
    {
        var now = d.Time.GetUtcNow().UtcDateTime;
        var events = machine is null ? await d.Trends.EventCountsAsync(w, now, ct) : new Dictionary<string, StackedSeries>();
        return new TrendView(w, now, events, await d.Trends.SamplesAsync(machine, w, now, ct));
    }

    private static IResult BadWindow(HttpContext http, string path, string? window) =>
        PageEndpoints.Page(http, "Bad window", "Trends", new HtmlBuilder().Add(
            $"""<h1>window {window} is none of 6h, 24h, 7d, 30d</h1><p><a href="{path}">{path}</a></p>""").ToHtml(), null, 400);
}
