using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Database.Bursts;

namespace SatDaemon.Tools.Commands;

/// <summary>bursts list: a table (or JSON) of bursts with their ids and where they lie.</summary>
internal static class BurstsListCommand
{
    public static Command Build()
    {
        var filter = new BurstFilterOptions();
        var json = new Option<bool>("--json")
        {
            Description = "print as JSON: [{id, track, orbit_direction, swath, anx_id, esa_burst_id, centre: [lon, lat] or null, bbox: [w, s, e, n] or null}]",
        };
        var cmd = new Command("list", "list bursts (id, track, direction, swath, ANX id, ESA burst id, centre) in track, ANX id, swath order; "
            + "ids go to frame create. Exit 0 ok, 2 bad filter");
        filter.AddTo(cmd);
        cmd.Options.Add(json);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var f = filter.Parse(pr);
            var bursts = await new BurstCatalog(ToolRunner.Factory(config)).ListAsync(f, ct);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(bursts.Select(b =>
                {
                    var env = b.Geometry?.EnvelopeInternal;
                    var c = b.Geometry?.Centroid;
                    return new BurstRow(b.Id, b.Track, b.OrbitDirection, b.Swath, b.AnxId, b.EsaBurstId,
                        c is null ? null : [Math.Round(c.X, 5), Math.Round(c.Y, 5)],
                        env is null ? null : [Math.Round(env.MinX, 5), Math.Round(env.MinY, 5), Math.Round(env.MaxX, 5), Math.Round(env.MaxY, 5)]);
                }), StatusJson.Options));
                return ToolRunner.Ok;
            }
            var table = new TextTable("ID", "TRACK", "SWATH", "ANX_ID", "ESA_ID", "LON", "LAT");
            foreach (var b in bursts)
            {
                var c = b.Geometry?.Centroid;
                table.Add(b.Id, b.Track + b.OrbitDirection, b.Swath, b.AnxId.ToString(CultureInfo.InvariantCulture),
                    b.EsaBurstId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    c is null ? "-" : c.X.ToString("0.000", CultureInfo.InvariantCulture), c is null ? "-" : c.Y.ToString("0.000", CultureInfo.InvariantCulture));
            }
            table.Write(o, indent: "");
            o.WriteLine($"{bursts.Count} bursts");
            return ToolRunner.Ok;
        });
        return cmd;
    }

    // The --json shape; field names are stable (documented in --help).
    private sealed record BurstRow(string Id, int Track, string OrbitDirection, string Swath, int AnxId, int? EsaBurstId, double[]? Centre, double[]? Bbox);
}
