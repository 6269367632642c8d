using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Database.Audit;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ctl history [--frame F] [--user U] [--since DATE] [--limit N] [--json]: the audit trail, newest first.</summary>
internal static class CtlHistoryCommand
{
    public static Command Build()
    {
        var frame = new Option<string?>("--frame") { Description = "changes to this frame only" };
        var user = new Option<string?>("--user") { Description = "changes by this user only (the OS user for ctl, the signed-in user for the console)" };
        var since = new Option<string?>("--since") { Description = "changes on or after this date (YYYY-MM-DD or YYYYMMDD, UTC)" };
        var limit = new Option<string?>("--limit") { Description = "at most this many changes (default 50)" };
        var json = new Option<bool>("--json") { Description = "print as JSON: [{at, user, source, action, target, before, after}]" };
        var cmd = new Command("history", "who changed what and when, from ctl and the web console, newest first") { frame, user, since, limit, json };
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            // Checked before the database is read, so a bad word gets one line and exit 2.
            DateTime? from = pr.GetValue(since) is { } s
                ? DateTime.SpecifyKind(DateArgument.Parse(s).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc)
                : null;
            var n = pr.GetValue(limit) is { } l ? Limit(l) : 50;
            var entries = await new AuditReader(ToolRunner.Factory(config)).ReadAsync(new AuditFilter(pr.GetValue(frame), pr.GetValue(user), from, n), ct);
            var o = pr.InvocationConfiguration.Output;
            if (pr.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(entries.Select(e => new HistoryRow(e.At, e.UserName, e.Source, e.Action, e.Target, e.Before, e.After)), StatusJson.Options));
                return ToolRunner.Ok;
            }
            if (entries.Count == 0)
            {
                o.WriteLine("no changes recorded" + (pr.GetValue(frame) is { } f ? $" for frame {f}" : ""));
                return ToolRunner.Ok;
            }
            var table = new TextTable("when (UTC)", "user", "via", "target", "change");
            foreach (var e in entries)
                table.Add(e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.UserName, e.Source, e.Target,
                    $"{e.Action} {e.Before ?? "-"} -> {e.After ?? "-"}");
            table.Write(o, "");
            return ToolRunner.Ok;
        });
        return cmd;
    }

    private static int Limit(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"--limit '{text}' is not a positive whole number");

    // The --json shape; field names are stable (documented in --help).
    private sealed record HistoryRow(DateTime At, string User, string Source, string Action, string Target, string? Before, string? After);
}
