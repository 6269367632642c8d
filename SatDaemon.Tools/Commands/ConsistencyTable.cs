using SatDaemon.Database.Consistency;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tools.Commands;

/// <summary>Prints a consistency report: the rows that differ or were left alone for a reason, then a summary.</summary>
internal static class ConsistencyTable
{
    public static void Write(ConsistencyReport report, TextWriter output)
    {
        var table = new TextTable("frame", "target", "date(s)", "in database", "on disk", "action");
        foreach (var r in report.Rows.Where(r => r.IsNotable))
            table.Add(r.FrameId, Target(r.Table), Dates(r), State(report.Stages, r.Table, r.Database), r.Disk is { } d ? State(report.Stages, r.Table, d) : "?", Action(report, r));
        var frames = report.Rows.Select(r => r.FrameId).Distinct().Count();
        if (report.Rows.Any(r => r.IsNotable)) table.Write(output);
        output.WriteLine($"checked {report.Checked} rows of {frames} frame(s): {report.Count(ConsistencyAction.InLine)} in line, "
            + $"{report.Count(ConsistencyAction.Advance)} advance, {report.Count(ConsistencyAction.SetBack)} set back, {report.Gaps} with a gap, "
            + $"{report.Count(ConsistencyAction.Running)} running, {report.Count(ConsistencyAction.SetBackRefused) + report.Count(ConsistencyAction.CannotCheck)} left alone"
            + (report.Count(ConsistencyAction.ChangedMeanwhile) is > 0 and var n ? $", {n} changed meanwhile" : ""));
        if (report.Apply) output.WriteLine(report.Changed == 0 ? "nothing to change" : $"applied {report.Changed} change(s); the daemon rebuilds its job list");
        else if (report.Wanted > 0) output.WriteLine($"dry run: nothing written; run again with --apply to make these {report.Wanted} change(s)");
        else output.WriteLine("nothing to change");
    }

    /// <summary>
    /// The --json shape: {apply, checked, changed, wanted, rows: [{frame_id, target, date, date2, in_database, on_disk, action,
    /// applied, gap: [stage names], note}]}; only the notable rows, as the table; field names are stable.
    /// </summary>
    public static void WriteJson(ConsistencyReport report, TextWriter output)
    {
        var rows = report.Rows.Where(r => r.IsNotable).Select(r => new JsonRow(r.FrameId, Target(r.Table), r.Date, r.Date2,
            State(report.Stages, r.Table, r.Database), r.Disk is { } d ? State(report.Stages, r.Table, d) : null,
            JsonAction(r.Action), r.Applied, r.Gap.Select(g => report.Stages.NameOf(r.Table, g)).ToList(), r.Note)).ToList();
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(
            new JsonReport(report.Apply, report.Checked, report.Changed, report.Wanted, rows), SatDaemon.Control.StatusJson.Options));
    }

    private static string JsonAction(ConsistencyAction a) => a switch
    {
        ConsistencyAction.InLine => "in_line",
        ConsistencyAction.Advance => "advance",
        ConsistencyAction.SetBack => "set_back",
        ConsistencyAction.Running => "running",
        ConsistencyAction.SetBackRefused => "set_back_refused",
        ConsistencyAction.CannotCheck => "cannot_check",
        ConsistencyAction.ChangedMeanwhile => "changed_meanwhile",
        _ => a.ToString(),
    };

    private sealed record JsonReport(bool Apply, int Checked, int Changed, int Wanted, IReadOnlyList<JsonRow> Rows);

    private sealed record JsonRow(string FrameId, string Target, DateOnly? Date, DateOnly? Date2, string InDatabase, string? OnDisk,
        string Action, bool Applied, IReadOnlyList<string> Gap, string? Note);

    public static string State(StageCatalog stages, string table, RowState s) =>
        s.Status == ProcStatus.Complete ? "complete"
        : $"{stages.NameOf(table, s.Stage)} ({s.Stage}) {ProcStatus.Name(s.Status)}";

    private static string Action(ConsistencyReport report, ConsistencyRow r)
    {
        var target = r.Target is { } t ? State(report.Stages, r.Table, t) : "";
        var text = r.Action switch
        {
            ConsistencyAction.InLine => "in line",
            ConsistencyAction.Advance => (r.Applied ? "advanced to " : "advance to ") + target,
            ConsistencyAction.SetBack => "set back to " + target,
            ConsistencyAction.Running => "running: left alone",
            ConsistencyAction.SetBackRefused => $"set back refused: {r.Note}",
            ConsistencyAction.CannotCheck => $"cannot check: {r.Note}",
            ConsistencyAction.ChangedMeanwhile => "changed meanwhile: skipped",
            _ => r.Action.ToString(),
        };
        if (r.Gap.Count > 0)
            text += $"; gap: not applied ({string.Join(", ", r.Gap.Select(g => report.Stages.NameOf(r.Table, g)))} present beyond a missing stage)";
        return text;
    }

    private static string Target(string table) => table == TargetTables.Frames ? "time series" : table;

    private static string Dates(ConsistencyRow r) => JobDescription.Dates(r.Date, r.Date2) ?? "-";
}
