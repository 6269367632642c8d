using System.CommandLine;
using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Database.Model;

namespace SatDaemon.Tools.Commands;

/// <summary>frame list: every frame with its settings and date counts.</summary>
internal static class FrameListCommand
{
    public static Command Build()
    {
        var json = new Option<bool>("--json")
        {
            Description = "print as JSON: [{id, track, orbit_direction, priority, proc_level, master_date, bursts, files, ifg_rows, ifg_complete}]",
        };
        var cmd = new Command("list", "list frames: track, priority, level, master, bursts, files, ifg rows") { json };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var frames = await FrameCommand.Manager(config).ListAsync(ct);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                // The geometry stays out: frame export writes it, as GeoJSON.
                o.WriteLine(JsonSerializer.Serialize(frames.Select(f => new FrameRow(f.Id, f.Track, f.OrbitDirection, f.Priority,
                    f.ProcLevel.ToName(), f.MasterDate, f.Bursts, f.Files, f.IfgRows, f.IfgComplete)), StatusJson.Options));
                return ToolRunner.Ok;
            }
            o.WriteLine($"{"frame",-24} {"track",5} {"prio",4} {"level",-14} {"master",-10} {"bursts",6} {"files",5} {"ifg",5} {"done",5}");
            foreach (var f in frames)
            {
                var master = f.MasterDate?.ToString("yyyy-MM-dd") ?? "-";
                o.WriteLine($"{f.Id,-24} {f.Track + f.OrbitDirection,5} {f.Priority,4} {f.ProcLevel.ToName(),-14} {master,-10} {f.Bursts,6} {f.Files,5} {f.IfgRows,5} {f.IfgComplete,5}");
            }
            o.WriteLine($"{frames.Count} frames");
            return ToolRunner.Ok;
        });
        return cmd;
    }

    // The --json shape; field names are stable (documented in --help).
    private sealed record FrameRow(string Id, int Track, string OrbitDirection, int Priority, string ProcLevel, DateOnly? MasterDate,
        int Bursts, int Files, int IfgRows, int IfgComplete);
}
