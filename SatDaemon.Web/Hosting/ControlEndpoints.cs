using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SatDaemon.Control;
using SatDaemon.Control.CommandLine;
using SatDaemon.Database.Audit;
using SatDaemon.Database.Frames;
using SatDaemon.Web.Access;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Pages;

namespace SatDaemon.Web.Hosting;

/// <summary>
/// The console's changes. Each passes <see cref="ConsoleAccess.CheckChangeAsync"/> first (read-only, signed in,
/// operator, antiforgery), reads its words with ctl's own readers and calls the same <see cref="SatDaemonController"/>
/// method as ctl, under the signed-in user: same validation, same one transaction, same audit record and job-list
/// request. Bad input gets the CLI's message next to the control (400); a stale form 409; nothing is changed then.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly string[] FrameControlNames = ["level", "noupdate", "range", "priority", "retry", "master", "reprocess"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/frames/{segment}/{control}", FrameControlAsync);
        app.MapPost("/jobs/retry", RetryJobsAsync);
        app.MapPost("/power-down", PowerDownAsync);
        app.MapGet("/frames/new", async (int? track, string? swath, HttpContext http, ConsoleData d, CancellationToken ct) =>
            ConsoleAccess.ShowsControls(http)
                ? await CreatePageAsync(http, d, track, swath, "", [], null, 200, ct)
                : Refused(http, http.RequestServices.GetRequiredService<AccessPolicy>().RefuseChange(ConsoleAccess.UserOf(http))!));
        app.MapPost("/frames/new", CreateFrameAsync);
    }

    private static async Task<IResult> FrameControlAsync(string segment, string control, HttpContext http, ConsoleData d, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        if (!FrameControlNames.Contains(control)) return Results.NotFound();
        var id = RouteId.Decode(segment);
        var form = await http.Request.ReadFormAsync(ct);
        var expected = Field(form, "expected");
        var controller = Controller(http, d);
        try
        {
            string done;
            switch (control)
            {
                case "level":
                    done = Describe(await controller.SetProcLevelAsync(id, CtlArguments.Level(Field(form, "level") ?? ""), expected, ct));
                    break;
                case "noupdate":
                    done = Describe(await controller.SetNoUpdateAsync(id, CtlArguments.OnOff(Field(form, "noupdate") ?? ""), expected, ct));
                    break;
                case "range":
                    // Empty is the form's "open", as "-" is ctl's.
                    var start = CtlArguments.OpenDate(Field(form, "start") ?? "-", "start");
                    var end = CtlArguments.OpenDate(Field(form, "end") ?? "-", "end");
                    done = Describe(await controller.SetProcRangeAsync(id, start, end, expected, ct));
                    break;
                case "priority":
                    done = Describe(await controller.SetPriorityAsync(id, CtlArguments.Priority(Field(form, "priority") ?? ""), expected, ct));
                    break;
                case "retry":
                    var selector = new RetrySelector(FrameId: id);
                    var reset = await controller.RetryAsync(selector, ct);
                    done = reset == 0 ? $"no failed rows to retry for {selector}" : $"{reset} failed row(s) of {selector} back to waiting";
                    break;
                case "reprocess":
                    var request = new ReprocessRequest(id, Field(form, "stage") ?? throw new FormatException("give the stage to redo (e.g. coreg)"),
                        Field(form, "from") is { } from ? DateArgument.Parse(from) : null, Field(form, "to") is { } to ? DateArgument.Parse(to) : null,
                        Field(form, "older_than"));
                    if (!int.TryParse(Field(form, "confirm"), out var confirmed))
                    {
                        // The first press: the rows by stage, as frame reprocess prints them before it asks.
                        var plan = await controller.ReprocessAsync(request, apply: false, null, ct);
                        return await PageEndpoints.FrameAsync(http, d, id, null, null, 200, ct, reprocess: new ReprocessConfirmation(request, plan));
                    }
                    var redone = await controller.ReprocessAsync(request, apply: true, confirmed, ct);
                    done = $"{redone.FrameId}: {redone.Rows.Count} rows set back ({string.Join(", ", redone.ByStage.Select(s => $"{s.Table} {s.Stage}: {s.Rows}"))})";
                    break;
                default:
                    var date = DateArgument.Parse(Field(form, "date") ?? "");
                    var force = Field(form, "force") == "1";
                    try
                    {
                        var r = await controller.SetMasterAsync(id, date, force, expected, d.Config.Parameters.RsarConnections, ct);
                        done = r.Changed ? $"{r.FrameId}: master {r.OldMaster?.ToString("yyyy-MM-dd") ?? "none"} → {r.NewMaster:yyyy-MM-dd}, {r.Reset.Count} rows reset" : $"{r.FrameId}: master is already {r.NewMaster:yyyy-MM-dd}";
                    }
                    catch (FrameException e) when (e.NeedsForce && !force)
                    {
                        // Not an error: the question ctl answers with --force, asked here with the rows it concerns.
                        var firstLine = e.Message.Split('\n')[0].Replace("; run again with --force to do it", "", StringComparison.Ordinal);
                        return await PageEndpoints.FrameAsync(http, d, id, null, new MasterConfirmation(date, expected ?? "none", firstLine, e.Details), 200, ct);
                    }
                    break;
            }
            AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, done);
            return await PageEndpoints.FrameAsync(http, d, id, new ControlMessage(control, done, false), null, 200, ct);
        }
        catch (Exception e) when (Problem(e) is { } status)
        {
            return await PageEndpoints.FrameAsync(http, d, id, new ControlMessage(control, Text(e), true), null, status, ct);
        }
    }

    private static async Task<IResult> RetryJobsAsync(HttpContext http, ConsoleData d, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        var form = await http.Request.ReadFormAsync(ct);
        var (frame, type, job) = (Field(form, "frame"), Field(form, "type"), Field(form, "job"));
        var filter = new JobFilter(frame, type, null);
        var controller = Controller(http, d);
        try
        {
            var selector = new RetrySelector(frame, type, job is null ? null : CtlArguments.JobId(job, "job id")).RequireChosen(all: false);
            var reset = await controller.RetryAsync(selector, ct);
            var done = reset == 0 ? $"no failed rows to retry for {selector}" : $"{reset} failed row(s) of {selector} back to waiting";
            AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, done);
            return await PageEndpoints.JobsAsync(http, d, filter, new ControlMessage("retry", done, false), 200, ct);
        }
        catch (Exception e) when (Problem(e) is { } status)
        {
            return await PageEndpoints.JobsAsync(http, d, filter, new ControlMessage("retry", Text(e), true), status, ct);
        }
    }

    private static async Task<IResult> PowerDownAsync(HttpContext http, ConsoleData d, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        var form = await http.Request.ReadFormAsync(ct);
        if (Field(form, "confirm") != "yes") return await PageEndpoints.OverviewAsync(http, d, true, null, 200, ct);
        var controller = Controller(http, d);
        var change = await controller.PowerDownAsync(ct);
        AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, change.ToString());
        return await PageEndpoints.OverviewAsync(http, d, false, new ControlMessage("power-down", Describe(change), false), 200, ct);
    }

    private static async Task<IResult> CreateFrameAsync(HttpContext http, ConsoleData d, CancellationToken ct)
    {
        if (await ConsoleAccess.CheckChangeAsync(http) is { } refusal) return Refused(http, refusal);
        var form = await http.Request.ReadFormAsync(ct);
        var frameId = Field(form, "frame") ?? "";
        // Ticked boxes and typed ids together; frame create splits its list on commas, the form on blanks as well.
        var bursts = form["burst"].OfType<string>().Concat((Field(form, "bursts") ?? "").Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
            .Select(b => b.Trim()).Where(b => b.Length > 0).Distinct().ToList();
        var controller = Controller(http, d);
        try
        {
            var created = await controller.CreateFrameAsync(frameId, bursts, d.Config.Parameters.RsarConnections, ct);
            AccessLog.Changed(ConsoleAccess.Log(http), controller.Actor.User, $"created frame {created.FrameId} ({created.Bursts} bursts, {created.FilesLinked} files, {created.Dates.IfgAdded.Count} ifg rows)");
            return Results.Redirect(Format.FrameHref(created.FrameId), permanent: false, preserveMethod: false);
        }
        catch (Exception e) when (Problem(e) is { } status)
        {
            var track = bursts.Select(b => FrameIds.TryParseBurstId(b, out var t, out _, out _) ? t : (int?)null).FirstOrDefault(t => t is not null);
            return await CreatePageAsync(http, d, track, null, frameId, bursts, new ControlMessage("create", Text(e), true), status, ct);
        }
    }

    private static async Task<IResult> CreatePageAsync(HttpContext http, ConsoleData d, int? track, string? swath, string frameId,
        IReadOnlyCollection<string> picked, ControlMessage? message, int status, CancellationToken ct)
    {
        var bursts = await d.Bursts.ListAsync(track, swath, ct);
        var main = FrameCreatePage.Render(bursts, track, swath, ConsoleAccess.FormToken(http), frameId, picked, message);
        return PageEndpoints.Page(http, "New frame", "Frames", main, null, status);
    }

    private static SatDaemonController Controller(HttpContext http, ConsoleData d) =>
        new(d.Factory, d.Time, Actor.Web(ConsoleAccess.UserOf(http).Name ?? throw new InvalidOperationException("a change without a signed-in user passed the check")));

    /// <summary>The status for a refusal of the input (the CLI's exit 2 cases), a stale form, or something not found; null: not ours to answer.</summary>
    private static int? Problem(Exception e) => e switch
    {
        StaleChangeException => 409,
        NotFoundException => 404,
        FrameException or ArgumentException or FormatException => 400,
        _ => null,
    };

    /// <summary>The CLI's message (FrameException's rows on their own lines, as ctl prints them).</summary>
    private static string Text(Exception e) => e.Message;

    private static string Describe(SettingChange change)
    {
        var sb = new StringBuilder();
        for (var c = change; c is not null; c = c.Also) sb.Append(sb.Length == 0 ? "" : "; ").Append(c);
        return sb.ToString();
    }

    private static string? Field(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

    private static IResult Refused(HttpContext http, Refusal refusal) =>
        PageEndpoints.Page(http, "Refused", "", new HtmlBuilder().Add($"""<h1>Refused</h1><p class="control-error" id="refused">{refusal.Reason}</p>""").ToHtml(), null, refusal.Status);
}
