using System.CommandLine;
using SatDaemon.Database.Frames;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools export-frames --out F.geojson|F.shp: frames with their attributes, for QGIS.</summary>
internal static class ExportFramesCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "output file: .geojson (or .json) or .shp (with .shx, .dbf, .prj)", Required = true };
        var cmd = new Command("export-frames", "write every frame with id, track, direction, priority, proc_level, master, ifg_rows, ifg_done");
        cmd.Options.Add(output);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var path = Path.GetFullPath(pr.GetValue(output)!);
            // Checked before reading the database, so a typo costs nothing.
            if (!FrameExporter.Supports(path))
            {
                Console.Error.WriteLine($"error: --out {path}: expected a .geojson, .json or .shp file");
                return ToolRunner.BadInput;
            }
            var frames = await FrameCommand.Manager(config).ListAsync(ct);
            var written = await FrameExporter.WriteAsync(frames, path, ct);
            Console.WriteLine($"wrote {written} of {frames.Count} frames to {path}");
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
