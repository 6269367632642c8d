using SatDaemon.Database.Model;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>The audit trail, as ctl history prints it: who changed what, when, through ctl or the console, before and after.</summary>
internal static class HistoryPage
{
    public static SafeHtml Render(IReadOnlyList<AuditEntry> entries, string? frame, string? user)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Changes</h1><form class="filter" method="get" action="/history">frame <input name="frame" value="{frame ?? ""}"> user <input name="user" value="{user ?? ""}"> <button>filter</button> <a href="/history">clear</a></form>""");
        if (entries.Count == 0) { h.Add($"""<p class="muted">no changes recorded</p>"""); return h.ToHtml(); }
        h.Add($"""<table id="audit" data-sortable><thead><tr><th data-sort="text">when (UTC)</th><th data-sort="text">user</th><th data-sort="text">via</th><th data-sort="text">target</th><th>change</th><th>before</th><th>after</th></tr></thead><tbody>""");
        foreach (var e in entries)
            h.Add($"""<tr><td>{Format.Time(e.At)}</td><td>{e.UserName}</td><td>{e.Source}</td><td>{e.Target}</td><td>{e.Action}</td><td>{e.Before ?? "-"}</td><td>{e.After ?? "-"}</td></tr>""");
        h.Add($"""</tbody></table>""");
        return h.ToHtml();
    }
}
