using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SatDaemon.Control;
using SatDaemon.Web.Data;

namespace SatDaemon.Web.Hosting;

/// <summary>/api/...: the data under the pages as JSON, in the snake_case shape of `ctl status --json` (docs/web.md).</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/status", async (ConsoleData d, CancellationToken ct) => Json(await d.StatusAsync(ct)));
        api.MapGet("/frames", async (ConsoleData d, CancellationToken ct) => Json(await d.Frames.ListAsync(ct)));
        api.MapGet("/frame/{id}", async (string id, ConsoleData d, CancellationToken ct) =>
            await d.Frames.DetailAsync(RouteId.Decode(id), ct) is { } detail ? Json(detail) : Results.Json(new { error = $"no frame {RouteId.Decode(id)}" }, StatusJson.Options, statusCode: 404));
        api.MapGet("/frame/{id}/{date}", async (string id, string date, ConsoleData d, CancellationToken ct) =>
        {
            if (!RouteId.TryDate(date, out var day))
                return Results.Json(new { error = $"{date} is not a date (yyyy-MM-dd)" }, StatusJson.Options, statusCode: 400);
            return await d.Images.ReadAsync(RouteId.Decode(id), day, ct) is { } image
                ? Json(image)
                : Results.Json(new { error = $"no frame {RouteId.Decode(id)}" }, StatusJson.Options, statusCode: 404);
        });
        api.MapGet("/jobs", async (string? frame, string? type, string? machine, ConsoleData d, CancellationToken ct) =>
            Json(await d.Jobs.ReadAsync(new JobFilter(frame, type, machine), await d.Insight.WaitReasonsAsync(ct), ct)));
        api.MapGet("/bursts", async (string? track, string? swath, ConsoleData d, CancellationToken ct) =>
            PageEndpoints.TryTrack(track, out var number)
                ? Json(await d.Bursts.ListAsync(number, swath, ct))
                : Results.Json(new { error = $"track must be a relative orbit number, not \"{track}\"" }, StatusJson.Options, statusCode: 400));
    }

    private static IResult Json<T>(T value) => Results.Json(value, StatusJson.Options);
}
