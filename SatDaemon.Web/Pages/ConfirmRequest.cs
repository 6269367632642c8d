using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>
/// The second step of a control that asks first (cancel, hold, release, drain, resume): the question, and the same form
/// again with confirm=yes and the fields it was sent with (expected among them, so a stale confirmation is still refused).
/// </summary>
public sealed record ConfirmRequest(string Control, string Question, string Action, IReadOnlyList<(string Name, string Value)> Fields, string Button, string Back)
{
    internal SafeHtml Render(string token)
    {
        var h = new HtmlBuilder();
        h.Add($"""<form method="post" action="{Action}" id="control-{Control}-confirm" class="control confirm">{FrameControls.Token(token)}<input type="hidden" name="confirm" value="yes">""");
        foreach (var (name, value) in Fields) h.Add($"""<input type="hidden" name="{name}" value="{value}">""");
        h.Add($"""<b>{Question}</b> <button>{Button}</button> <a href="{Back}">no, keep it</a></form>""");
        return h.ToHtml();
    }
}
