using SatDaemon.Control;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>
/// The job-control forms an operator gets (ctl cancel, hold/release, drain/resume): each asks first (a confirmation with
/// confirm=yes), and carries what the page showed (expected) so a change made meanwhile is refused, not overwritten.
/// </summary>
internal static class JobControls
{
    /// <summary>Cancel a running job (job page): the daemon stops its whole session at its next pass.</summary>
    public static SafeHtml CancelJob(long jobId, string state, string token, ConfirmRequest? confirm, ControlMessage? message)
    {
        var h = new HtmlBuilder();
        if (confirm is { Control: "cancel" }) { h.Add($"""{confirm.Render(token)}"""); return h.ToHtml(); }
        if (state is "RUNNING")
        {
            h.Add($"""<form method="post" action="{JobLinks.JobHref(jobId)}/cancel" id="control-cancel" class="control">{FrameControls.Token(token)}<input type="hidden" name="expected" value="running"><button>cancel job {JobLinks.JobLabel(jobId)}…</button> """);
            FrameControls.Message(h, "cancel", message);
            h.Add($"""</form>""");
        }
        else if (message is not null) FrameControls.Message(h, "cancel", message);
        return h.ToHtml();
    }

    public static ConfirmRequest ConfirmCancelJob(long jobId) =>
        new("cancel", $"Cancel job {JobLinks.JobLabel(jobId)}? The daemon stops all its processes at its next pass; its row is held, not retried (release the frame to run it again).",
            JobLinks.JobHref(jobId) + "/cancel", [("expected", "running")], "yes, cancel it", JobLinks.JobHref(jobId));

    /// <summary>Cancel a pending job (pending page): removed from the job list, its row held.</summary>
    public static SafeHtml CancelPending(long pendingId, string token, ConfirmRequest? confirm, ControlMessage? message)
    {
        var h = new HtmlBuilder();
        if (confirm is { Control: "cancel" }) { h.Add($"""{confirm.Render(token)}"""); return h.ToHtml(); }
        h.Add($"""<form method="post" action="{JobLinks.PendingHref(pendingId)}/cancel" id="control-cancel" class="control">{FrameControls.Token(token)}<input type="hidden" name="expected" value="pending"><button>cancel pending job {JobLinks.PendingLabel(pendingId)}…</button> """);
        FrameControls.Message(h, "cancel", message);
        h.Add($"""</form>""");
        return h.ToHtml();
    }

    public static ConfirmRequest ConfirmCancelPending(long pendingId) =>
        new("cancel", $"Cancel pending job {JobLinks.PendingLabel(pendingId)}? It leaves the job list and its row is held (release the frame to queue it again).",
            JobLinks.PendingHref(pendingId) + "/cancel", [("expected", "pending")], "yes, cancel it", JobLinks.PendingHref(pendingId));

    /// <summary>Hold or release a frame (frame page).</summary>
    public static SafeHtml Hold(string frameId, bool held, string token, ConfirmRequest? confirm, ControlMessage? message)
    {
        var h = new HtmlBuilder();
        if (confirm is { Control: "hold" or "release" }) { h.Add($"""{confirm.Render(token)}"""); return h.ToHtml(); }
        var control = held ? "release" : "hold";
        h.Add($"""<form method="post" action="{Format.FrameHref(frameId)}/{control}" id="control-{control}" class="control">{FrameControls.Token(token)}<input type="hidden" name="expected" value="{(held ? "on" : "off")}"><button>{(held ? "release the frame…" : "hold the frame…")}</button> <span class="muted">{(held ? "held: nothing new starts" : "running jobs finish, nothing new starts")}</span> """);
        FrameControls.Message(h, "hold", message);
        FrameControls.Message(h, "release", message);
        h.Add($"""</form>""");
        return h.ToHtml();
    }

    public static ConfirmRequest ConfirmHold(string frameId, bool release) => release
        ? new("release", $"Release frame {frameId}? Its jobs may start again, and rows held by a cancel go back to waiting.",
            Format.FrameHref(frameId) + "/release", [("expected", "on")], "yes, release it", Format.FrameHref(frameId))
        : new("hold", $"Hold frame {frameId}? Running jobs finish; nothing new starts for it until it is released.",
            Format.FrameHref(frameId) + "/hold", [("expected", "off")], "yes, hold it", Format.FrameHref(frameId));

    /// <summary>Drain or resume each configured machine (overview).</summary>
    public static SafeHtml Machines(IReadOnlyList<MachineUsage> machines, IReadOnlyCollection<string> drained, string token, ConfirmRequest? confirm, ControlMessage? message)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h2>Machines</h2>""");
        if (confirm is { Control: "drain" or "resume" }) h.Add($"""{confirm.Render(token)}""");
        foreach (var m in machines.Where(m => m.InConfig))
        {
            var isDrained = drained.Contains(m.Machine);
            var control = isDrained ? "resume" : "drain";
            h.Add($"""<form method="post" action="{MachineHref(m.Machine)}/{control}" class="control machine-control" id="control-{control}-{m.Machine}" data-machine="{m.Machine}">{FrameControls.Token(token)}<input type="hidden" name="expected" value="{(isDrained ? "on" : "off")}"><b>{m.Machine}</b> {(isDrained ? "drained" : "takes jobs")} <button>{control} {m.Machine}…</button></form>""");
        }
        FrameControls.Message(h, "drain", message);
        FrameControls.Message(h, "resume", message);
        return h.ToHtml();
    }

    public static ConfirmRequest ConfirmMachine(string machine, bool resume) => resume
        ? new("resume", $"Resume {machine}? It takes new jobs again.", MachineHref(machine) + "/resume", [("expected", "on")], $"yes, resume {machine}", "/")
        : new("drain", $"Drain {machine}? Running jobs finish there; nothing new starts on it until it is resumed.", MachineHref(machine) + "/drain", [("expected", "off")], $"yes, drain {machine}", "/");

    public static string MachineHref(string machine) => "/machines/" + Uri.EscapeDataString(machine);
}
