using System.CommandLine;
using SatDaemon.Database.Bursts;

namespace SatDaemon.Tools.Commands;

/// <summary>bursts export --format geojson|shapefile -o PATH: burst outlines for QGIS, to draw frames over.</summary>
internal static class BurstsExportCommand
{
    public static Command Build()
    {
        var filter = new BurstFilterOptions();
        var format = new Option<string>("--format") { Description = "geojson or shapefile (.shp with .shx, .dbf and a WGS84 .prj)", Required = true };
        format.AcceptOnlyFromAmong("geojson", "shapefile");
        var output = new Option<string>("--out", "-o") { Description = "file to write (a shapefile: the .shp; its .shx, .dbf and .prj go beside it)", Required = true };
        var force = new Option<bool>("--force") { Description = "overwrite files that already exist (never done without it)" };
        var cmd = new Command("export", $"write burst outlines with {string.Join(", ", BurstExporter.Attributes)} as GeoJSON or an ESRI shapefile; "
            + "bursts without an outline are left out and counted. Exit 0 ok, 2 bad filter or an existing file without --force");
        filter.AddTo(cmd);
        cmd.Options.Add(format);
        cmd.Options.Add(output);
        cmd.Options.Add(force);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var f = filter.Parse(pr);
            var shapefile = pr.GetValue(format) == "shapefile";
            var path = Path.GetFullPath(pr.GetValue(output)!);
            if (shapefile && !path.EndsWith(".shp", StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"--out {path}: a shapefile is written as NAME.shp (with .shx, .dbf, .prj beside it)");
            // A command never deletes what it did not create: an existing file stays unless asked.
            var targets = shapefile ? BurstExporter.ShapefileParts(path) : [path];
            if (!pr.GetValue(force) && targets.FirstOrDefault(File.Exists) is { } existing)
                throw new FormatException($"--out: {existing} already exists; use --force to overwrite it");
            if (Path.GetDirectoryName(path) is { } dir && !Directory.Exists(dir))
                throw new FormatException($"--out: folder {dir} does not exist");

            var bursts = await new BurstCatalog(ToolRunner.Factory(config)).ListAsync(f, ct);
            var written = shapefile ? BurstExporter.WriteShapefile(bursts, path) : await BurstExporter.WriteGeoJsonAsync(bursts, path, ct);
            var left = bursts.Count - written;
            pr.InvocationConfiguration.Output.WriteLine($"wrote {written} bursts to {path}" + (left > 0 ? $" ({left} without an outline left out)" : ""));
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
