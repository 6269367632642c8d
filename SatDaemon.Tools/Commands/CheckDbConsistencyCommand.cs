using System.CommandLine;
using SatDaemon.Database.Consistency;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools check-db-consistency: bring processing rows in line with the outputs on disk.</summary>
internal static class CheckDbConsistencyCommand
{
    private const string Help =
        "compare each master, ifg and rsar_ifg row and each frame's time series with the outputs its stages left on disk "
        + "(the [JOB:type] outputs; a missing or empty file counts as not done) and show the differences; with --apply, "
        + "bring the database in line, one transaction per frame. The file system is the source of truth: a row behind "
        + "the disk advances to the last stage whose outputs exist, never past a gap (later outputs beyond a missing stage "
        + "are reported, not applied); a row whose claimed-done stages have missing outputs is SET BACK to the first missing "
        + "stage (not when the frame folder is missing altogether). Rows with a running job are left alone.";

    public static Command Build()
    {
        var frame = new Option<string?>("--frame") { Description = "check only this frame" };
        var apply = new Option<bool>("--apply") { Description = "write the changes (default: show them only; nothing is written)" };
        var json = new Option<bool>("--json")
        {
            Description = "print the report as JSON: {apply, checked, changed, wanted, rows: [{frame_id, target, date, date2, in_database, "
                + "on_disk, action (in_line|advance|set_back|running|set_back_refused|cannot_check|changed_meanwhile), applied, gap, note}]}",
        };
        var cmd = new Command("check-db-consistency", Help);
        cmd.Options.Add(frame);
        cmd.Options.Add(apply);
        cmd.Options.Add(json);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var output = pr.InvocationConfiguration.Output;
            // Only a real terminal gets the bar; redirected output (logs, pipes, tests) gets just the table.
            var talk = !pr.GetValue(json) && CommonOptions.Level(pr) <= Microsoft.Extensions.Logging.LogLevel.Information;
            var bar = ConsoleProgress<ConsistencyProgress>.ForStdout(talk ? output : TextWriter.Null, p => new ProgressStep(p.Done, p.Total, p.FrameId), lineEvery: null);
            var report = await new ConsistencyChecker(ToolRunner.Factory(config), config).RunAsync(pr.GetValue(frame), pr.GetValue(apply), bar, ct);
            bar.Finish();
            if (pr.GetValue(json)) ConsistencyTable.WriteJson(report, output);
            else ConsistencyTable.Write(report, output);
            return ToolRunner.Ok;
        });
        return cmd;
    }
}
