using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SatDaemon.WebUsers;
using SatDaemon.Database.Audit;
using SatDaemon.Web.Access;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Pages;

namespace SatDaemon.Web.Hosting;

/// <summary>The HTML pages. `?partial=1` returns only the page's main part, which the live pages poll for.</summary>
internal static class PageEndpoints
{
    /// <summary>Live pages poll this often: fresh enough to watch a job's progress, cheap enough for a shared database.</summary>
    internal const int LiveMs = 2000;

    /// <summary>
    /// Only our own inline script may run (pinned by its hash): should a value ever escape un-escaped, a planted
    /// &lt;script&gt; still would not run. No other origin is reached.
    /// </summary>
    private static readonly string Csp =
        $"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ConsoleAssets.Script)))}'; " +
        "connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http, ConsoleData d, CancellationToken ct) => OverviewAsync(http, d, false, null, 200, ct));
        app.MapGet("/frames", async (HttpContext http, ConsoleData d, CancellationToken ct, string? page, string? q) =>
            // A page that is not a number shows the first: a link typed by hand is no error worth a 400.
            Page(http, "Frames", "Frames", FramesPage.Render(await d.Frames.ListAsync(ct), await d.JobPages.HeldFramesAsync(ct), ConsoleAccess.ShowsControls(http),
                int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1, q), LiveMs));
        app.MapGet("/frames/{segment}", async (string segment, HttpContext http, ConsoleData d, CancellationToken ct) =>
            await FrameAsync(http, d, RouteId.Decode(segment), null, null, 200, ct));
        app.MapGet("/frames/{segment}/{date}", async (string segment, string date, HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            var id = RouteId.Decode(segment);
            if (!RouteId.TryDate(date, out var day))
                return Page(http, "Bad date", "Frames", new HtmlBuilder().Add($"""<h1>{date} is not a date (yyyy-MM-dd)</h1><p><a href="{Format.FrameHref(id)}">frame {id}</a></p>""").ToHtml(), null, 400);
            return await d.Images.ReadAsync(id, day, ct) is { } image
                ? Page(http, $"Image {date} of {id}", "Frames", ImagePage.Render(image), LiveMs)
                : Page(http, "No such frame", "Frames", new HtmlBuilder().Add($"""<h1>No frame {id}</h1><p><a href="/frames">all frames</a></p>""").ToHtml(), null, 404);
        });
        app.MapGet("/jobs", (string? frame, string? type, string? machine, HttpContext http, ConsoleData d, CancellationToken ct) =>
            JobsAsync(http, d, new JobFilter(frame, type, machine), null, 200, ct));
        app.MapGet("/map", async (HttpContext http, ConsoleData d, CancellationToken ct) =>
            Page(http, "Map", "Map", MapPage.Render(await d.Frames.ListAsync(ct), await d.Jobs.MapJobsAsync(ct)), LiveMs));
        app.MapGet("/bursts", async (string? track, string? swath, HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            // Bound by hand: a typed int would answer "track=abc" with a blank 400.
            if (!TryTrack(track, out var number))
                return Page(http, "Bad track", "Bursts", new HtmlBuilder().Add($"""<h1>Bursts</h1><p class="control-error" id="bad-track">track must be a relative orbit number (1–175), not "{track}"</p><p><a href="/bursts">all bursts</a></p>""").ToHtml(), null, 400);
            return Page(http, "Bursts", "Bursts", BurstsPage.Render(await d.Bursts.ListAsync(number, swath, ct), number, swath), LiveMs);
        });
        app.MapGet("/history", async (string? frame, string? user, HttpContext http, ConsoleData d, CancellationToken ct) =>
        {
            var entries = await new AuditReader(d.Factory).ReadAsync(new AuditFilter(Blank(frame), Blank(user), null, HistoryLimit), ct);
            return Page(http, "Changes", "Changes", HistoryPage.Render(entries, frame, user), LiveMs);
        });
    }

    /// <summary>The changes page shows this many of the newest; ctl history --limit reads further back.</summary>
    private const int HistoryLimit = 300;

    /// <summary>The overview; with the power-down confirmation or a control's answer when a change was just asked for.</summary>
    internal static async Task<IResult> OverviewAsync(HttpContext http, ConsoleData d, bool confirmPowerDown, ControlMessage? message, int status, CancellationToken ct,
        ConfirmRequest? confirm = null)
    {
        var overBudget = await d.Jobs.OverBudgetByTypeAsync(d.Time.GetUtcNow().UtcDateTime - OverviewPage.OverBudgetWindow, ct);
        var now = d.Time.GetUtcNow().UtcDateTime;
        var trend = await TrendEndpoints.LoadAsync(d, null, Trends.TrendWindow.Day, ct);
        var statusNow = await d.StatusAsync(ct);
        var main = OverviewPage.Render(statusNow, await d.Insight.WaitReasonsAsync(ct), d.Insight.MachineHealth, d.Insight.LastPass, overBudget,
            await d.Pending.SummaryAsync(now, ct), await d.Pending.ListAsync(null, null, OverviewPage.PendingShown, ct), trend);
        var controls = default(SafeHtml);
        if (ConsoleAccess.ShowsControls(http))
        {
            var token = ConsoleAccess.FormToken(http);
            var drained = statusNow.Holds.Machines.Select(m => m.Machine).ToHashSet(StringComparer.Ordinal);
            controls = new HtmlBuilder().Add($"""{PowerDownControl.Render(token, confirmPowerDown, message)}{JobControls.Machines(statusNow.Machines, drained, token, confirm, message)}""").ToHtml();
        }
        return Page(http, "Overview", "Overview", main, LiveMs, status, controls);
    }

    /// <summary>A frame's page, with its controls for an operator and the answer of the control just used.</summary>
    internal static async Task<IResult> FrameAsync(HttpContext http, ConsoleData d, string id, ControlMessage? message, MasterConfirmation? confirm, int status, CancellationToken ct,
        ConfirmRequest? confirmHold = null, ReprocessConfirmation? reprocess = null)
    {
        if (await d.Frames.DetailAsync(id, ct) is not { } detail)
            return Page(http, "No such frame", "Frames", new HtmlBuilder().Add($"""<h1>No frame {id}</h1><p><a href="/frames">all frames</a></p>""").ToHtml(), null, 404);
        var heldBy = await d.JobPages.FrameHoldAsync(id, ct);
        var controls = default(SafeHtml);
        if (ConsoleAccess.ShowsControls(http))
        {
            var token = ConsoleAccess.FormToken(http);
            controls = new HtmlBuilder().Add($"""{JobControls.Hold(detail.Frame.Id, heldBy is not null, token, confirmHold, message)}{FrameControls.Render(detail.Frame, token, message, confirm, reprocess)}""").ToHtml();
        }
        var pending = await d.Pending.ListAsync(id, null, FramePage.PendingShown, ct);
        var main = FramePage.Render(detail, d.Time.GetUtcNow().UtcDateTime, http.Request.Query["rows"] == "all", int.TryParse(http.Request.Query["page"], out var page) ? page : 1, pending, heldBy);
        return Page(http, "Frame " + detail.Frame.Id, "Frames", new HtmlBuilder().Add($"{main}{FrameControls.Versions(detail.Versions)}").ToHtml(), LiveMs, status, controls, controlsFirst: true);
    }

    /// <summary>The jobs page; an operator gets a retry button on each failure and one for the failures the filter selects.</summary>
    internal static async Task<IResult> JobsAsync(HttpContext http, ConsoleData d, JobFilter filter, ControlMessage? message, int status, CancellationToken ct)
    {
        var view = await d.Jobs.ReadAsync(filter, await d.Insight.WaitReasonsAsync(ct), ct);
        var token = ConsoleAccess.ShowsControls(http) ? ConsoleAccess.FormToken(http) : null;
        var now = d.Time.GetUtcNow().UtcDateTime;
        return Page(http, "Jobs", "Jobs", JobsPage.Render(view, now, token, message, await d.Pending.SummaryAsync(now, ct)), LiveMs, status);
    }

    internal static IResult Page(HttpContext http, string title, string active, SafeHtml main, int? liveMs, int status = 200, SafeHtml controls = default, bool controlsFirst = false)
    {
        http.Response.Headers.ContentSecurityPolicy = Csp;
        // "no-cache" as well as "no-store": the antiforgery token of a signed-in user's forms, made after this line, logs a
        // warning for every page whose Cache-Control lacks no-cache (it would override it), which was every page load.
        http.Response.Headers.CacheControl = "no-cache, no-store";
        var partial = http.Request.Query["partial"] == "1";
        // The live refresh: an unchanged main part answers 304 with no body (LiveRefresh, docs/web.md).
        if (partial && status == 200)
        {
            var notModified = LiveRefresh.NotModified(http, main);
            // Only live pages are filed for the cheap check: they show nothing but the database, the insight and the clock.
            if (liveMs is not null) UnchangedCheck.Remember(http, http.Response.Headers.ETag.ToString());
            if (notModified) return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var html = partial ? main : Layout.Page(title, active, main, liveMs, Account(http), controls, controlsFirst,
            liveMs is not null && status == 200 ? LiveRefresh.ETag(main) : null);
        return Results.Content(html.Markup, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The header's corner: who is signed in and the sign-out button, or the sign-in link; a read-only badge.</summary>
    private static SafeHtml Account(HttpContext http)
    {
        var policy = http.RequestServices.GetRequiredService<AccessPolicy>();
        var h = new HtmlBuilder();
        if (policy.ReadOnly) h.Add($"""<span class="muted" id="read-only">read-only</span> """);
        if (!policy.HasUsers) return h.ToHtml();
        var user = ConsoleAccess.UserOf(http);
        if (user.IsSignedIn)
            h.Add($"""<form method="post" action="/signout" id="signout">{FrameControls.Token(ConsoleAccess.FormToken(http))}<span id="signed-in">{user.Name} ({user.Role?.Name()})</span> <button>sign out</button></form>""");
        else
            h.Add($"""<a href="/signin">sign in</a>""");
        return h.ToHtml();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>An optional track number from the query: empty is "all", digits are a track, anything else is refused.</summary>
    internal static bool TryTrack(string? text, out int? track)
    {
        track = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t)) return false;
        track = t;
        return true;
    }
}
