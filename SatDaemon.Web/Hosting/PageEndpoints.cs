using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Pages;

namespace SatDaemon.Web.Hosting;

/// <summary>The HTML pages. `?partial=1` returns only the page's main part, which the live pages poll for.</summary>
internal static class PageEndpoints
{
    /// <summary>Live pages poll this often: fresh enough to watch a job's progress, cheap enough for a shared database.</summary>
    private const int LiveMs = 2000;

    /// <summary>
    /// Only our own inline script may run (pinned by its hash): should a value ever escape un-escaped, a planted
    /// &lt;script&gt; still would not run. No other origin is reached.
    /// </summary>
    private static readonly string Csp =
        $"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ConsoleAssets.Script)))}'; " +
        "connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            var status = await d.StatusAsync(ct);
            var main = OverviewPage.Render(status, await d.Insight.WaitReasonsAsync(ct), d.Insight.MachineHealth, d.Insight.LastPass);
            return Page(http, "Overview", "Overview", main, LiveMs);
        });
        app.MapGet("/frames", async (HttpContext http, ConsoleData d, CancellationToken ct) =>
            Page(http, "Frames", "Frames", FramesPage.Render(await d.Frames.ListAsync(ct)), null));
        app.MapGet("/frames/{segment}", async (string segment, HttpContext http, ConsoleData d, CancellationToken ct) =>
            await d.Frames.DetailAsync(RouteId.Decode(segment), ct) is { } detail
                ? Page(http, "Frame " + detail.Frame.Id, "Frames", FramePage.Render(detail, d.Time.GetUtcNow().UtcDateTime), LiveMs)
                : Page(http, "No such frame", "Frames", new HtmlBuilder().Add($"""<h1>No frame {RouteId.Decode(segment)}</h1><p><a href="/frames">all frames</a></p>""").ToHtml(), null, 404));
        app.MapGet("/frames/{segment}/{date}", async (string segment, string date, HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            var id = RouteId.Decode(segment);
            if (!RouteId.TryDate(date, out var day))
                return Page(http, "Bad date", "Frames", new HtmlBuilder().Add($"""<h1>{date} is not a date (yyyy-MM-dd)</h1><p><a href="{Format.FrameHref(id)}">frame {id}</a></p>""").ToHtml(), null, 400);
            return await d.Images.ReadAsync(id, day, ct) is { } image
                ? Page(http, $"Image {date} of {id}", "Frames", ImagePage.Render(image), LiveMs)
                : Page(http, "No such frame", "Frames", new HtmlBuilder().Add($"""<h1>No frame {id}</h1><p><a href="/frames">all frames</a></p>""").ToHtml(), null, 404);
        });
        app.MapGet("/jobs", async (string? frame, string? type, string? machine, HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            var view = await d.Jobs.ReadAsync(new JobFilter(frame, type, machine), await d.Insight.WaitReasonsAsync(ct), ct);
            return Page(http, "Jobs", "Jobs", JobsPage.Render(view, d.Time.GetUtcNow().UtcDateTime), LiveMs);
        });
        app.MapGet("/map", async (HttpContext http, ConsoleData d, CancellationToken ct) =>
            Page(http, "Map", "Map", MapPage.Render(await d.Frames.ListAsync(ct)), null));
        app.MapGet("/bursts", async (int? track, string? swath, HttpContext http, ConsoleData d, CancellationToken ct) =>
            Page(http, "Bursts", "Bursts", BurstsPage.Render(await d.Bursts.ListAsync(track, swath, ct), track, swath), null));
    }

    private static IResult Page(HttpContext http, string title, string active, SafeHtml main, int? liveMs, int status = 200)
    {
        http.Response.Headers.ContentSecurityPolicy = Csp;
        http.Response.Headers.CacheControl = "no-store";
        var partial = http.Request.Query["partial"] == "1";
        var html = partial ? main : Layout.Page(title, active, main, liveMs);
        return Results.Content(html.Markup, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
