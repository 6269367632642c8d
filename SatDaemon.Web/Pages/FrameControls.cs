using SatDaemon.Control;
using SatDaemon.Database.Model;
using SatDaemon.Web.Access;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>
/// A frame's controls for an operator: level, noupdate, range, priority, retry of failed rows, set-master (with its
/// confirmation). Each form carries the value it was rendered with (expected), so a change made meanwhile by someone
/// else is refused, not overwritten. Outside the live-refreshed main part, so a half-filled form is never replaced.
/// </summary>
internal static class FrameControls
{
    private static readonly string[] Levels = [.. Enum.GetValues<ProcLevel>().Select(FrameSettingText.Level)];

    public static SafeHtml Render(FrameListRow f, string token, ControlMessage? message, MasterConfirmation? confirm, ReprocessConfirmation? reprocess = null)
    {
        var h = new HtmlBuilder();
        var action = Format.FrameHref(f.Id);
        h.Add($"""<h2>Change</h2>""");

        Open(h, "level", action, token, f.ProcLevel);
        h.Add($"""<label>level <select name="level">""");
        foreach (var l in Levels) h.Add($"""<option value="{l}"{(l == f.ProcLevel ? new SafeHtml(" selected") : SafeHtml.Empty)}>{l}</option>""");
        h.Add($"""</select></label> <button>set level</button>""");
        Close(h, "level", message);

        var noUpdate = FrameSettingText.OnOff(f.NoUpdate);
        Open(h, "noupdate", action, token, noUpdate);
        h.Add($"""<label>noupdate <select name="noupdate">""");
        foreach (var v in new[] { "on", "off" }) h.Add($"""<option value="{v}"{(v == noUpdate ? new SafeHtml(" selected") : SafeHtml.Empty)}>{v}</option>""");
        h.Add($"""</select></label> <button>set noupdate</button>""");
        Close(h, "noupdate", message);

        Open(h, "range", action, token, FrameSettingText.Range(f.ProcStart, f.ProcEnd));
        h.Add($"""<label>dates from <input name="start" size="10" placeholder="open" value="{Day(f.ProcStart)}"></label> <label>to <input name="end" size="10" placeholder="open" value="{Day(f.ProcEnd)}"></label> <button>set range</button> <span class="muted">YYYY-MM-DD; empty: open</span>""");
        Close(h, "range", message);

        Open(h, "priority", action, token, FrameSettingText.Priority(f.Priority));
        h.Add($"""<label>priority <input name="priority" size="6" value="{f.Priority}"></label> <button>set priority</button> <span class="muted">higher runs first</span>""");
        Close(h, "priority", message);

        Open(h, "retry", action, token, null);
        h.Add($"""<button{(f.OpenFailures == 0 ? new SafeHtml(" disabled") : SafeHtml.Empty)}>retry {f.OpenFailures} failed job(s) of this frame</button>""");
        Close(h, "retry", message);

        var master = FrameSettingText.Master(f.MasterDate);
        Open(h, "master", action, token, master);
        h.Add($"""<label>master <input name="date" size="10" value="{Day(f.MasterDate)}"></label> <button>set master</button> <span class="muted">asks first when rows would be reprocessed</span>""");
        Close(h, "master", message);
        if (confirm is not null)
        {
            h.Add($"""<div class="confirm" id="confirm-master"><p><b>{confirm.Message}</b></p><ul>""");
            foreach (var r in confirm.Rows) h.Add($"""<li>{r}</li>""");
            h.Add($"""</ul>""");
            h.Add($"""<form method="post" action="{action}/master" id="control-master-confirm" class="control">{Token(token)}<input type="hidden" name="expected" value="{confirm.ExpectedMaster}"><input type="hidden" name="date" value="{confirm.Date:yyyy-MM-dd}"><input type="hidden" name="force" value="1"><button>reprocess {confirm.Rows.Count} rows and make {confirm.Date:yyyy-MM-dd} the master</button> <a href="{action}">cancel</a></form></div>""");
        }
        ReprocessControl(h, action, token, message, reprocess);
        return h.ToHtml();
    }

    /// <summary>frame reprocess: stage, dates, older-than; the first press shows the rows by stage, the second (with that count) does it.</summary>
    private static void ReprocessControl(HtmlBuilder h, string action, string token, ControlMessage? message, ReprocessConfirmation? confirm)
    {
        var r = confirm?.Request;
        Open(h, "reprocess", action, token, null);
        h.Add($"""<label>reprocess stage <input name="stage" size="10" value="{r?.Stage ?? ""}" placeholder="coreg"></label> <label>from <input name="from" size="10" value="{Day(r?.From)}" placeholder="open"></label> <label>to <input name="to" size="10" value="{Day(r?.To)}" placeholder="open"></label> <label>older than version <input name="older_than" size="8" value="{r?.OlderThan ?? ""}"></label> <button>show what would be redone</button>""");
        Close(h, "reprocess", message);
        if (confirm is null) return;
        var plan = confirm.Plan;
        h.Add($"""<div class="confirm" id="confirm-reprocess"><p><b>{plan.Rows.Count} rows to redo</b></p><ul>""");
        foreach (var note in plan.Notes) h.Add($"""<li class="muted">note: {note}</li>""");
        foreach (var (table, stage, rows) in plan.ByStage) h.Add($"""<li>{table} {stage}: {rows}</li>""");
        h.Add($"""</ul>""");
        if (plan.Rows.Count > 0)
            h.Add($"""<form method="post" action="{action}/reprocess" id="control-reprocess-confirm" class="control">{Token(token)}<input type="hidden" name="stage" value="{r!.Stage}"><input type="hidden" name="from" value="{Day(r.From)}"><input type="hidden" name="to" value="{Day(r.To)}"><input type="hidden" name="older_than" value="{r.OlderThan ?? ""}"><input type="hidden" name="confirm" value="{plan.Rows.Count}"><button>redo these {plan.Rows.Count} rows</button> <a href="{action}">cancel</a></form>""");
        h.Add($"""</div>""");
    }

    /// <summary>frame versions, for everyone: per stage, rows by the software version of their last run of it.</summary>
    public static SafeHtml Versions(IReadOnlyList<SatDaemon.Database.Versions.StageVersionCount> counts)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h2>Software versions</h2>""");
        if (counts.Count == 0)
        {
            h.Add($"""<p class="muted" id="versions">no row has done a stage yet</p>""");
            return h.ToHtml();
        }
        h.Add($"""<table id="versions"><tr><th>table</th><th>stage</th><th>version</th><th>rows</th></tr>""");
        foreach (var c in counts)
            h.Add($"""<tr><td>{c.Table}</td><td>{c.Stage}</td><td>{c.Version ?? "(none recorded)"}{(c.Numeric ? "" : " (compared as text)")}</td><td>{c.Rows}</td></tr>""");
        h.Add($"""</table>""");
        return h.ToHtml();
    }

    internal static SafeHtml Token(string token) =>
        new HtmlBuilder().Add($"""<input type="hidden" name="{ConsoleAccess.FormTokenField}" value="{token}">""").ToHtml();

    /// <summary>Where a control's answer goes: right after the control it belongs to.</summary>
    internal static void Message(HtmlBuilder h, string control, ControlMessage? message)
    {
        if (message is not null && message.Control == control)
            h.Add($"""<span class="{(message.Error ? "control-error" : "control-ok")}" id="message-{control}">{message.Text}</span>""");
    }

    private static void Open(HtmlBuilder h, string control, string action, string token, string? expected)
    {
        h.Add($"""<form method="post" action="{action}/{control}" id="control-{control}" class="control">{Token(token)}""");
        if (expected is not null) h.Add($"""<input type="hidden" name="expected" value="{expected}">""");
    }

    private static void Close(HtmlBuilder h, string control, ControlMessage? message)
    {
        h.Add($""" """);
        Message(h, control, message);
        h.Add($"""</form>""");
    }

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
}
