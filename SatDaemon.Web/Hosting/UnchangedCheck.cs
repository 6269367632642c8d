using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SatDaemon.Web.Access;

namespace SatDaemon.Web.Hosting;

/// <summary>
/// Makes an unchanged live refresh cheap in time as well as in bytes. Without it a poll renders its whole main part to
/// hash it into the ETag (LiveRefresh): 100–500 ms at scale for a 304. Here a poll first reads <see cref="DataVersion"/>
/// (one query) and looks up the ETag this very view (path, query, who asks) had when last rendered at that version in
/// the same half-minute: if the browser already holds it, 304 at once. Safe because everything a live page shows comes
/// from the database, the daemon's insight (both in the version) and the clock: the version is read before the page's
/// own queries, so a tag is never filed under a version older than the data it was made from, and the half-minute
/// bounds what the clock alone changes (a job leaving the over-budget window, an hour bucket of a chart; the ages are
/// recomputed by the page's script). Pages that read anything else (a job's log) have no live poll and are never
/// filed (<see cref="Remember"/> is called for live pages only).
/// </summary>
internal static class UnchangedCheck
{
    /// <summary>How long a filed tag stands on the data version alone; after it the view is rendered again.</summary>
    internal static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(30);

    /// <summary>Views remembered; past it the whole table is dropped (a few users × a few dozen pages is far below).</summary>
    private const int MaxViews = 2000;

    public const string AnsweredHeader = "X-Console-Unchanged";

    private const string KeyItem = "satdaemon.unchanged.key";
    private static readonly ConcurrentDictionary<string, string> Tags = new(StringComparer.Ordinal);

    public static void Use(WebApplication app) => app.Use(async (http, next) =>
    {
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Query["partial"] != "1")
        {
            await next(http);
            return;
        }
        var data = http.RequestServices.GetRequiredService<ConsoleData>();
        var version = await DataVersion.ReadAsync(data, http.RequestAborted);
        if (version is not null)
        {
            var user = ConsoleAccess.UserOf(http);
            var slot = data.Time.GetUtcNow().ToUnixTimeMilliseconds() / (long)ClockSlack.TotalMilliseconds;
            var key = $"{http.Request.Path}{http.Request.QueryString}\n{user.Name}\n{user.Role}\n{ConsoleAccess.ShowsControls(http)}\n{slot}\n{version}";
            if (Tags.TryGetValue(key, out var tag) && http.Request.Headers.IfNoneMatch.Any(v => v == tag))
            {
                LiveRefresh.Stamp(http, tag);
                // Says which way the 304 was found (the bench counts these); the page's script ignores it.
                http.Response.Headers[AnsweredHeader] = "data-version";
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            http.Items[KeyItem] = key;
        }
        await next(http);
    });

    /// <summary>Files the tag a live page's main part was just given under the version read before it was made.</summary>
    public static void Remember(HttpContext http, string tag)
    {
        if (http.Items[KeyItem] is not string key) return;
        if (Tags.Count >= MaxViews) Tags.Clear();
        Tags[key] = tag;
    }
}
