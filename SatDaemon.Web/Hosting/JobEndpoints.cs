using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SatDaemon.Control;
using SatDaemon.Database.Audit;
using SatDaemon.Web.Access;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Pages;

namespace SatDaemon.Web.Hosting;

/// <summary>
/// A page per job and per pending job, a job's log (whole, or from an offset for the live tail), and the job controls:
/// cancel (running and pending), hold/release a frame, drain/resume a machine. Every change asks first (confirm=yes),
/// passes <see cref="ConsoleAccess.CheckChangeAsync"/>, is refused as stale (409) when the page showed another state, and
/// calls the same <see cref="SatDaemonController"/> method as ctl under the signed-in user (its transaction writes the
/// audit row).
/// </summary>
internal static class JobEndpoints
{
    /// <summary>One live-tail answer carries at most this much; the script asks again from where it ended.</summary>
    private const int TailChunkBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/jobs/{id:long}", (long id, HttpContext http, ConsoleData d, CancellationToken ct) => JobAsync(http, d, id, null, null, 200, ct));
        app.MapGet("/jobs/{id:long}/log", LogAsync);
        app.MapGet("/pending/{id:long}", (long id, HttpContext http, ConsoleData d, CancellationToken ct) => PendingAsync(http, d, id, null, null, 200, ct));
        app.MapPost("/jobs/{id:long}/cancel", CancelJobAsync);
        app.MapPost("/pending/{id:long}/cancel", CancelPendingAsync);
        app.MapPost("/frames/{segment}/hold", (string segment, HttpContext http, ConsoleData d, CancellationToken ct) => HoldAsync(http, d, RouteId.Decode(segment), release: false, ct));
        app.MapPost("/frames/{segment}/release", (string segment, HttpContext http, ConsoleData d, CancellationToken ct) => HoldAsync(http, d, RouteId.Decode(segment), release: true, ct));
        app.MapPost("/machines/{machine}/drain", (string machine, HttpContext http, ConsoleData d, CancellationToken ct) => MachineAsync(http, d, machine, resume: false, ct));
        app.MapPost("/machines/{machine}/resume", (string machine, HttpContext http, ConsoleData d, CancellationToken ct) => MachineAsync(http, d, machine, resume: true, ct));
    }

    internal static async Task<IResult> JobAsync(HttpContext http, ConsoleData d, long id, ConfirmRequest? confirm, ControlMessage? message, int status, CancellationToken ct)
    {
        if (await d.JobPages.ReadAsync(id, ct) is not { } view)
            return PageEndpoints.Page(http, "No such job", "Jobs", new HtmlBuilder().Add($"""<h1>No job {JobLinks.JobLabel(id)}</h1><p>neither running nor in job_events. A pending job has a P… id: <a href="{JobLinks.PendingHref(id)}">{JobLinks.PendingLabel(id)}</a>? <a href="/jobs">all jobs</a></p>""").ToHtml(), null, 404);
        LogChunk? log = null;
        string? problem = null;
        if (view.Details.LogPath is { } path)
        {
            try { log = await Reader(d, view.Details, path).ReadChunkAsync(-1, JobPage.LogShownBytes, ct); }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                problem = "the log cannot be read now: " + e.Message;
            }
        }
        else problem = "no log path recorded for this job";
        var controls = ConsoleAccess.ShowsControls(http) ? JobControls.CancelJob(id, view.Details.State, ConsoleAccess.FormToken(http), confirm, message) : default;
        return PageEndpoints.Page(http, "Job " + JobLinks.JobLabel(id), "Jobs", JobPage.Render(view, d.Time.GetUtcNow().UtcDateTime, log, problem), null, status, controls, controlsFirst: true);
    }

    internal static async Task<IResult> PendingAsync(HttpContext http, ConsoleData d, long id, ConfirmRequest? confirm, ControlMessage? message, int status, CancellationToken ct)
    {
        if (await d.Pending.FindAsync(id, ct) is not { } p)
        {
            var h = new HtmlBuilder().Add($"""<h1>No pending job {JobLinks.PendingLabel(id)}</h1><p>it was launched (it has a job id now) or removed from the job list meanwhile. <a href="/jobs">all jobs</a></p>""");
            if (message is not null) h.Add($"""<p class="{(message.Error ? "control-error" : "control-ok")}" id="message-{message.Control}">{message.Text}</p>""");
            return PageEndpoints.Page(http, "No such pending job", "Jobs", h.ToHtml(), null, status == 200 && message is null ? 404 : status);
        }
        var controls = ConsoleAccess.ShowsControls(http) ? JobControls.CancelPending(id, ConsoleAccess.FormToken(http), confirm, message) : default;
        return PageEndpoints.Page(http, "Pending " + JobLinks.PendingLabel(id), "Jobs", PendingPage.Render(p, d.Time.GetUtcNow().UtcDateTime), null, status, controls, controlsFirst: true);
    }

    /// <summary>
    /// The log: without <c>from</c>, all of it as a download; with <c>from</c>, what follows that byte offset (at most
    /// 64 kB), with X-Log-End (where to ask from next), X-Log-Length and X-Job-State, read in that order after the state,
    /// so an answer saying the job ended holds everything it wrote.
    /// </summary>
    private static async Task<IResult> LogAsync(long id, long? from, HttpContext http, ConsoleData d, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (await d.JobPages.ReadAsync(id, ct) is not { } view) return Results.Text($"no job {JobLinks.JobLabel(id)}\n", "text/plain", statusCode: 404);
        if (view.Details.LogPath is not { } path) return Results.Text($"job {JobLinks.JobLabel(id)} has no log path recorded\n", "text/plain", statusCode: 404);
        if (from is < 0) return Results.Text("from must be a byte offset (0 or more)\n", "text/plain", statusCode: 400);
        var reader = Reader(d, view.Details, path);
        try
        {
            if (from is { } offset)
            {
                var chunk = await reader.ReadChunkAsync(offset, TailChunkBytes, ct);
                http.Response.Headers["X-Log-End"] = chunk.End.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-Log-Length"] = chunk.Length.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-Job-State"] = view.Details.State;
                return Results.Text(chunk.Text, "text/plain; charset=utf-8");
            }
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"job-{id}.log\"";
            return Results.Text(await reader.ReadFromAsync(0, ct), "text/plain; charset=utf-8");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Not there yet (a job that has not written it) or its machine unreachable: the live tail tries again.
            http.Response.Headers["X-Job-State"] = view.Details.State;
            return Results.Text("the log cannot be read now: " + e.Message + "\n", "text/plain", statusCode: 503);
        }
    }

    private static JobLogReader Reader(ConsoleData d, JobDetails job, string path) =>
        new(path, d.Config.Machines.FirstOrDefault(m => m.Name == job.Machine));

    private static async Task<IResult> CancelJobAsync(long id, HttpContext http, ConsoleData d, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        var form = await http.Request.ReadFormAsync(ct);
        if (Field(form, "expected") != "running") return await JobAsync(http, d, id, null, new ControlMessage("cancel", "the form did not say which state it was sent for (expected=running)", true), 400, ct);
        var state = (await d.JobPages.ReadAsync(id, ct))?.Details.State;
        // Stale: the page showed it running, and it has ended (or a stop is already on its way) since.
        if (state != "RUNNING")
            return await JobAsync(http, d, id, null, new ControlMessage("cancel", $"job {JobLinks.JobLabel(id)} is {state?.ToLowerInvariant() ?? "unknown"} now, not running: nothing cancelled", true), 409, ct);
        if (Field(form, "confirm") != "yes") return await JobAsync(http, d, id, JobControls.ConfirmCancelJob(id), null, 200, ct);
        var controller = Controller(http, d);
        try
        {
            var change = await controller.CancelJobAsync(id, controller.Actor.User, ct);
            AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, Describe(change));
            return await JobAsync(http, d, id, null, new ControlMessage("cancel", Describe(change), false), 200, ct);
        }
        catch (NotFoundException e)
        {
            return await JobAsync(http, d, id, null, new ControlMessage("cancel", e.Message, true), 409, ct);
        }
    }

    private static async Task<IResult> CancelPendingAsync(long id, HttpContext http, ConsoleData d, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        var form = await http.Request.ReadFormAsync(ct);
        if (Field(form, "expected") != "pending") return await PendingAsync(http, d, id, null, new ControlMessage("cancel", "the form did not say which state it was sent for (expected=pending)", true), 400, ct);
        if (await d.Pending.FindAsync(id, ct) is null)
            return await PendingAsync(http, d, id, null, new ControlMessage("cancel", $"pending job {JobLinks.PendingLabel(id)} is no longer pending (launched or removed meanwhile): nothing cancelled", true), 409, ct);
        if (Field(form, "confirm") != "yes") return await PendingAsync(http, d, id, JobControls.ConfirmCancelPending(id), null, 200, ct);
        var controller = Controller(http, d);
        try
        {
            var change = await controller.CancelPendingAsync(id, ct);
            AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, Describe(change));
            return await PendingAsync(http, d, id, null, new ControlMessage("cancel", Describe(change), false), 200, ct);
        }
        catch (NotFoundException e)
        {
            return await PendingAsync(http, d, id, null, new ControlMessage("cancel", e.Message, true), 409, ct);
        }
    }

    private static async Task<IResult> HoldAsync(HttpContext http, ConsoleData d, string frameId, bool release, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        var control = release ? "release" : "hold";
        var form = await http.Request.ReadFormAsync(ct);
        var expected = Field(form, "expected");
        if (await d.Frames.DetailAsync(frameId, ct) is null) return Results.NotFound();
        var heldNow = await d.JobPages.FrameHoldAsync(frameId, ct) is not null ? "on" : "off";
        if (expected is not ("on" or "off"))
            return await PageEndpoints.FrameAsync(http, d, frameId, new ControlMessage(control, "the form did not say which hold state it was sent for (expected=on/off)", true), null, 400, ct);
        if (expected != heldNow)
            return await PageEndpoints.FrameAsync(http, d, frameId, new ControlMessage(control, $"the frame's hold is {heldNow} now, not {expected} as the page showed: nothing changed", true), null, 409, ct);
        if (Field(form, "confirm") != "yes") return await PageEndpoints.FrameAsync(http, d, frameId, null, null, 200, ct, JobControls.ConfirmHold(frameId, release));
        var controller = Controller(http, d);
        try
        {
            var change = release ? await controller.ReleaseFrameAsync(frameId, ct) : await controller.HoldFrameAsync(frameId, controller.Actor.User, ct);
            AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, Describe(change));
            return await PageEndpoints.FrameAsync(http, d, frameId, new ControlMessage(control, Describe(change), false), null, 200, ct);
        }
        catch (NotFoundException e)
        {
            return await PageEndpoints.FrameAsync(http, d, frameId, new ControlMessage(control, e.Message, true), null, 404, ct);
        }
    }

    private static async Task<IResult> MachineAsync(HttpContext http, ConsoleData d, string machine, bool resume, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        var control = resume ? "resume" : "drain";
        var form = await http.Request.ReadFormAsync(ct);
        var expected = Field(form, "expected");
        var controller = Controller(http, d);
        if (!d.Config.Machines.Any(m => m.Name == machine))
        {
            // The controller's own refusal, in ctl's words (unknown machine, nearest name).
            try { _ = resume ? await controller.ResumeMachineAsync(machine, d.Config.Machines, ct) : await controller.DrainMachineAsync(machine, d.Config.Machines, controller.Actor.User, ct); }
            catch (ArgumentException e) { return await PageEndpoints.OverviewAsync(http, d, false, new ControlMessage(control, e.Message, true), 400, ct); }
        }
        var drainedNow = (await d.StatusAsync(ct)).Holds.Machines.Any(m => m.Machine == machine) ? "on" : "off";
        if (expected is not ("on" or "off"))
            return await PageEndpoints.OverviewAsync(http, d, false, new ControlMessage(control, "the form did not say which drain state it was sent for (expected=on/off)", true), 400, ct);
        if (expected != drainedNow)
            return await PageEndpoints.OverviewAsync(http, d, false, new ControlMessage(control, $"{machine}'s drain is {drainedNow} now, not {expected} as the page showed: nothing changed", true), 409, ct);
        if (Field(form, "confirm") != "yes") return await PageEndpoints.OverviewAsync(http, d, false, null, 200, ct, JobControls.ConfirmMachine(machine, resume));
        var change = resume
            ? await controller.ResumeMachineAsync(machine, d.Config.Machines, ct)
            : await controller.DrainMachineAsync(machine, d.Config.Machines, controller.Actor.User, ct);
        AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, Describe(change));
        return await PageEndpoints.OverviewAsync(http, d, false, new ControlMessage(control, Describe(change), false), 200, ct);
    }

    private static SatDaemonController Controller(HttpContext http, ConsoleData d) =>
        new(d.Factory, d.Time, Actor.Web(ConsoleAccess.UserOf(http).Name ?? throw new InvalidOperationException("a change without a signed-in user passed the check")));

    private static string Describe(SettingChange change) => change.ToString();

    private static string? Field(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

    private static IResult Refused(HttpContext http, Refusal refusal) =>
        PageEndpoints.Page(http, "Refused", "", new HtmlBuilder().Add($"""<h1>Refused</h1><p class="control-error" id="refused">{refusal.Reason}</p>""").ToHtml(), null, refusal.Status);
}
