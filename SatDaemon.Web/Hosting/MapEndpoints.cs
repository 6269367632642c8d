using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Hosting;

/// <summary>GET /map/detail: the fine land, borders and names of a zoomed-in map part, which the map script inserts into its SVG.</summary>
internal static class MapEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/map/detail", (string? geo, string? box, string? u, HttpContext http) =>
        {
            var (fragment, error) = MapDetail.Render(geo, box, u);
            if (error is not null) return Results.Text(error + "\n", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
            // The answer depends only on the request and the data built into the console: a browser may keep it.
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Text(fragment.Markup, "text/plain; charset=utf-8", Encoding.UTF8);
        });
}
