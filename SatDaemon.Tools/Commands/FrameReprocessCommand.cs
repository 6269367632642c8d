using System.CommandLine;
using SatDaemon.Control.CommandLine;
using SatDaemon.Database.Frames;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// frame reprocess FRAME --stage STAGE [--from DATE] [--to DATE] [--older-than VERSION] [--dry-run] [--yes]: prints the
/// rows it will redo by stage, asks (or takes --yes), then sets them back in one audited transaction. A row whose job
/// runs refuses the whole change: run it again once the job has ended.
/// </summary>
internal static class FrameReprocessCommand
{
    public static Command Build()
    {
        var frame = FrameCommand.FrameArgument();
        var stage = new Option<string>("--stage") { Description = "the stage to redo (e.g. coreg); its later stages, the rsar_ifg pairs and the time series that depend on it follow", Required = true };
        var from = new Option<string?>("--from") { Description = "only dates from this one (YYYY-MM-DD); a pair matches when either date is in range" };
        var to = new Option<string?>("--to") { Description = "only dates up to this one (YYYY-MM-DD)" };
        var older = new Option<string?>("--older-than") { Description = "only rows whose last run of the stage had an older version, or none recorded (1.10 is newer than 1.9)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print what would be redone and change nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "do it without asking" };
        var cmd = new Command("reprocess", "process rows of a frame again from a stage (e.g. after a new software version), with what depends on them");
        cmd.Arguments.Add(frame);
        foreach (var o in new Option[] { stage, from, to, older, dryRun, yes }) cmd.Options.Add(o);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var o = pr.InvocationConfiguration.Output;
            var request = new ReprocessRequest(pr.GetValue(frame)!, pr.GetValue(stage)!,
                pr.GetValue(from) is { } f ? DateArgument.Parse(f) : null, pr.GetValue(to) is { } t ? DateArgument.Parse(t) : null, pr.GetValue(older));
            var manager = FrameCommand.Manager(config);
            var plan = await manager.ReprocessAsync(request, apply: false, ct);
            Print(o, plan);
            if (plan.Rows.Count == 0 || pr.GetValue(dryRun))
            {
                if (plan.Rows.Count > 0) o.WriteLine("dry run: nothing changed");
                return ToolRunner.Ok;
            }
            if (!pr.GetValue(yes) && !Confirm(o, plan.Rows.Count))
            {
                pr.InvocationConfiguration.Error.WriteLine("error: not confirmed; nothing changed (run again with --yes to do it)");
                return ToolRunner.Failed;
            }
            // Worked out again inside the change's own transaction: what runs or moved since the listing counts.
            var done = await manager.ReprocessAsync(request, apply: true, ct);
            if (done.Rows.Count != plan.Rows.Count) o.WriteLine($"note: {done.Rows.Count} rows matched when applied (the frame changed meanwhile)");
            o.WriteLine($"{done.FrameId}: {done.Rows.Count} rows set back; the daemon runs them again");
            return ToolRunner.Ok;
        });
        return cmd;
    }

    private static void Print(TextWriter o, ReprocessReport plan)
    {
        foreach (var note in plan.Notes) o.WriteLine("note: " + note);
        if (plan.Rows.Count == 0)
        {
            o.WriteLine($"{plan.FrameId}: no row matches; nothing to redo");
            return;
        }
        o.WriteLine($"{plan.FrameId}: {plan.Rows.Count} rows to redo, by the stage they go back to:");
        foreach (var (table, stage, rows) in plan.ByStage) o.WriteLine($"  {table} {stage}: {rows}");
        foreach (var r in plan.Rows) o.WriteLine($"    {r.Table} {r.Dates}: {r.Now} → {r.BackTo} waiting{(r.Dependent ? " (depends on a row redone)" : "")}");
    }

    /// <summary>Asks on a terminal; without one (a script, a pipe) only --yes confirms.</summary>
    private static bool Confirm(TextWriter o, int rows)
    {
        if (Console.IsInputRedirected) return false;
        o.Write($"Redo these {rows} rows? [y/N] ");
        o.Flush();
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
