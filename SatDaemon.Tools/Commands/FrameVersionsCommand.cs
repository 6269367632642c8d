using System.CommandLine;
using System.Text.Json;
using SatDaemon.Control;

namespace SatDaemon.Tools.Commands;

/// <summary>frame versions FRAME [--json]: per stage, how many rows that have done it were made by which software version.</summary>
internal static class FrameVersionsCommand
{
    /// <summary>How a row without a recorded version is shown (run before versions were kept, or with none configured).</summary>
    public const string NoneRecorded = "(none recorded)";

    public static Command Build()
    {
        var frame = FrameCommand.FrameArgument();
        var json = new Option<bool>("--json") { Description = "print as JSON: [{table, stage, version (null: none recorded), rows, numeric}]" };
        var cmd = new Command("versions", "per stage, how many rows of a frame were made by which software version") { json };
        cmd.Arguments.Add(frame);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var counts = await FrameCommand.Manager(config).VersionsAsync(pr.GetValue(frame)!, ct);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(counts.Select(c => new VersionRow(c.Table, c.Stage, c.Version, c.Rows, c.Numeric)), StatusJson.Options));
                return ToolRunner.Ok;
            }
            o.WriteLine($"{"table",-9} {"stage",-12} {"version",-16} {"rows",5}");
            foreach (var c in counts) o.WriteLine($"{c.Table,-9} {c.Stage,-12} {c.Version ?? NoneRecorded,-16} {c.Rows,5}");
            if (counts.Count == 0) o.WriteLine("no row of this frame has done a stage yet");
            foreach (var v in counts.Where(c => !c.Numeric).Select(c => c.Version).Distinct())
                o.WriteLine($"note: version {v} is not numeric: it is compared with others as text");
            return ToolRunner.Ok;
        });
        return cmd;
    }

    // The --json shape; field names are stable (documented in --help).
    private sealed record VersionRow(string Table, string Stage, string? Version, int Rows, bool Numeric);
}
