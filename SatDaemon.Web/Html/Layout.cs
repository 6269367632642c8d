namespace SatDaemon.Web.Html;

/// <summary>The page around every view: navigation, the stylesheet and the small script, all inline (no CDN, no files to serve).</summary>
internal static class Layout
{
    private static readonly (string Href, string Name)[] Nav =
        [("/", "Overview"), ("/frames", "Frames"), ("/jobs", "Jobs"), ("/map", "Map"), ("/bursts", "Bursts"), ("/history", "Changes"), ("/trends", "Trends")];

    /// <param name="liveMs">When set, the page's main part is fetched again this often (short polling of ?partial=1).</param>
    /// <param name="account">Who is signed in (and the sign-out form), or the sign-in link; empty without users.</param>
    /// <param name="controls">The page's controls, outside main: the live refresh never replaces a form being filled in.</param>
    /// <param name="controlsFirst">The controls above the page's main part (a frame's or a job's), not under its whole history.</param>
    /// <param name="etag">The main part's ETag (LiveRefresh) on a live page: the script's first poll sends it.</param>
    public static SafeHtml Page(string title, string active, SafeHtml main, int? liveMs, SafeHtml account = default, SafeHtml controls = default, bool controlsFirst = false,
        string? etag = null)
    {
        var h = new HtmlBuilder();
        h.Add($"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">""");
        h.Add($"""<title>{title} · SatDaemon</title><style>{new SafeHtml(ConsoleAssets.Css)}</style></head><body>""");
        h.Add($"""<header><span class="brand">SatDaemon</span><nav>""");
        foreach (var (href, name) in Nav)
            h.Add($"""<a href="{href}"{(name == active ? new SafeHtml(" class=\"active\"") : SafeHtml.Empty)}>{name}</a>""");
        h.Add($"""</nav><span id="live-state" class="muted"></span><span class="account">{account}</span></header>""");
        if (controlsFirst && !string.IsNullOrEmpty(controls.Markup)) h.Add($"""<aside id="controls" class="controls-first">{controls}</aside>""");
        h.Add($"""<main{(liveMs is { } ms ? new SafeHtml($" data-live=\"{ms}\"") : SafeHtml.Empty)}{(liveMs is not null && etag is not null ? new HtmlBuilder().Add($" data-etag=\"{etag}\"").ToHtml() : SafeHtml.Empty)}>{main}</main>""");
        if (!controlsFirst && !string.IsNullOrEmpty(controls.Markup)) h.Add($"""<aside id="controls">{controls}</aside>""");
        h.Add($"""<script>{new SafeHtml(ConsoleAssets.Script)}</script></body></html>""");
        return h.ToHtml();
    }
}
