using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Web.Metrics;

namespace SatDaemon.Web.Hosting;

/// <summary>/metrics for Prometheus and /healthz for load balancers and systemd watchdogs.</summary>
internal static class OpsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext http, ConsoleMetrics metrics, CancellationToken ct) =>
        {
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.ExportAsync(http.Response.Body, ct);
        });

        // Healthy = this process can read its database; whether the daemon is alive is a fact /api/status reports, not a reason to restart the console.
        app.MapGet("/healthz", async (ConsoleData data, CancellationToken ct) =>
        {
            try
            {
                await using var db = data.Factory.Create();
                await db.DaemonTools.AsNoTracking().AnyAsync(ct);
                return Results.Text("ok\n", "text/plain");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Text($"database unreachable: {e.GetType().Name}\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}
