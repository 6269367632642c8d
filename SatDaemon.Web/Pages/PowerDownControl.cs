using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>Power-down on the overview, in two steps: the button asks, the second button (confirm=yes) sends the request.</summary>
internal static class PowerDownControl
{
    public static SafeHtml Render(string token, bool confirming, ControlMessage? message)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h2>Daemon</h2>""");
        if (confirming)
            h.Add($"""<form method="post" action="/power-down" id="control-power-down-confirm" class="control confirm">{FrameControls.Token(token)}<input type="hidden" name="confirm" value="yes"><b>Power down?</b> Pending jobs are cancelled, nothing new starts, running jobs finish, then the daemon exits. <button>yes, power down</button> <a href="/">cancel</a></form>""");
        else
        {
            h.Add($"""<form method="post" action="/power-down" id="control-power-down" class="control">{FrameControls.Token(token)}<button>power down…</button> """);
            FrameControls.Message(h, "power-down", message);
            h.Add($"""</form>""");
        }
        return h.ToHtml();
    }
}
