using System.CommandLine;
using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Ingest;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// satdaemon-tools ingest-files: add every zip below {data_dir}/T*/ to the database, then give every frame switched on
/// its new usable dates (update-procdates); idempotent; one ingest per database at a time.
/// </summary>
internal static class IngestFilesCommand
{
    public static Command Build()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "directory holding T{track}/ folders of zips (default: data_dir of the config)" };
        var json = new Option<bool>("--json")
        {
            Description = "print the summary as JSON (no progress lines): {data_dir, found, added, already_known, new_bursts, frame_links, "
                + "rejected: [{file_path, reason}], unreadable: [{file_path, reason}], frames: [{frame_id, new_file_dates, skipped, master, "
                + "master_added, dates_added, rsar_ifg_added, time_series_reset, partial: [{date, frame_bursts, missing_bursts, missing_swaths}]}]}; "
                + "rejections still go to stderr too",
        };
        var noDates = new Option<bool>("--no-update-procdates")
        {
            Description = "only link files to bursts and frames; do not add the new usable dates of frames switched on "
                + "(by default every frame whose bursts got new files, proc_level not off and noupdate off, gets them as update-procdates adds them)",
        };
        var wait = new Option<bool>("--wait") { Description = "when another ingest is running against the database, wait for it to finish instead of exiting 4" };
        var cmd = new Command("ingest-files", "add every *.zip under {data_dir}/T*/ to files, bursts, files2bursts and frames2files, then add the new "
            + "usable dates of every frame switched on that got new files (as frame update-procdates); dates whose files cover only part of a frame "
            + "are reported with the bursts they miss, and added when the rest arrives. Bad zips and unreadable folders are reported (stderr) and "
            + "skipped, the rest still go in. One ingest per database at a time. Exit 0 all ingested, 1 something was rejected or unreadable, "
            + "2 bad input, 4 another ingest is running");
        cmd.Options.Add(dataDir);
        cmd.Options.Add(json);
        cmd.Options.Add(noDates);
        cmd.Options.Add(wait);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var output = pr.InvocationConfiguration.Output;
            var error = pr.InvocationConfiguration.Error;
            var asJson = pr.GetValue(json);
            // data_dir in the config is taken from the config's folder when relative; --data-dir from the current one.
            var dir = pr.GetValue(dataDir) is { } given ? Path.GetFullPath(given) : Path.GetFullPath(Path.Combine(config.Directory, config.Parameters.DataDir));
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"error: data directory {dir} does not exist");
                return ToolRunner.BadInput;
            }
            var factory = ToolRunner.Factory(config);
            // Progress is talk, not the result: --quiet and --json leave it out. Redirected (cron, logs): a line every
            // 50 zips, so a long ingest still shows it is moving.
            var info = asJson ? TextWriter.Null : CommonOptions.Info(pr);
            IngestLock held;
            try
            {
                held = await IngestLock.AcquireAsync(factory, pr.GetValue(wait), TimeProvider.System, ct,
                    e => error.WriteLine($"waiting: {e.Situation}"));
            }
            catch (IngestLockHeldException e)
            {
                error.WriteLine("error: " + e.Message);
                return ToolRunner.IngestRunning;
            }
            await using (held)
            {
                info.WriteLine($"ingesting {dir} into {factory.Url.DisplayName}");
                var progress = ConsoleProgress<IngestProgress>.ForStdout(info, p => new ProgressStep(p.Done, p.Total, p.FileName), lineEvery: 50);
                var run = new IngestRun(factory, config.Parameters.RsarConnections) { UpdateProcDates = !pr.GetValue(noDates) };
                var report = await run.RunAsync(dir, progress, ct);
                progress.Finish();
                foreach (var bad in report.Rejected) error.WriteLine($"rejected {bad.FilePath}: {bad.Reason}");
                foreach (var bad in report.Unreadable) error.WriteLine($"unreadable {bad.FilePath}: {bad.Reason}");
                if (asJson) output.WriteLine(JsonSerializer.Serialize(Summary.Of(dir, report), StatusJson.Options));
                else
                {
                    output.WriteLine(Line(report));
                    foreach (var f in report.FrameDates) foreach (var line in IngestDatesText.Lines(f, report.NewDatesByFrame[f.FrameId])) output.WriteLine(line);
                }
                return report.Incomplete ? ToolRunner.Failed : ToolRunner.Ok;
            }
        });
        return cmd;
    }

    private static string Line(IngestReport r)
    {
        var unreadable = r.Unreadable.Count > 0 ? $", {r.Unreadable.Count} folder(s) unreadable" : "";
        return $"added {r.Added}, already known {r.AlreadyKnown}, rejected {r.Rejected.Count}{unreadable} (of {r.Found} zips; {r.NewBursts} new bursts, {r.FrameLinks} frame links)";
    }

    // The --json shape; field names are stable (documented in --help).
    private sealed record Summary(string DataDir, int Found, int Added, int AlreadyKnown, int NewBursts, int FrameLinks,
        IReadOnlyList<Problem> Rejected, IReadOnlyList<Problem> Unreadable, IReadOnlyList<FrameJson> Frames)
    {
        public static Summary Of(string dir, IngestReport r) => new(dir, r.Found, r.Added, r.AlreadyKnown, r.NewBursts, r.FrameLinks,
            r.Rejected.Select(x => new Problem(x.FilePath, x.Reason)).ToList(), r.Unreadable.Select(x => new Problem(x.FilePath, x.Reason)).ToList(),
            r.FrameDates.Select(f => FrameJson.Of(f, r.NewDatesByFrame[f.FrameId])).ToList());
    }

    private sealed record Problem(string FilePath, string Reason);

    private sealed record FrameJson(string FrameId, IReadOnlyList<string> NewFileDates, string? Skipped, string? Master, bool MasterAdded,
        IReadOnlyList<string> DatesAdded, int RsarIfgAdded, bool TimeSeriesReset, IReadOnlyList<PartialJson> Partial)
    {
        public static FrameJson Of(IngestFrameDates f, IEnumerable<DateOnly> newFileDates) => new(f.FrameId, newFileDates.Select(Iso).ToList(), f.Skipped,
            f.Update?.Master is { } m ? Iso(m) : null, f.Update?.MasterAdded ?? false, f.DatesAdded.Select(Iso).ToList(),
            f.Update?.RsarIfgAdded.Count ?? 0, f.Update?.TimeSeriesReset ?? false,
            f.Partial.Select(p => new PartialJson(Iso(p.Date), p.FrameBursts, p.MissingBursts, p.MissingSwaths)).ToList());
    }

    private sealed record PartialJson(string Date, int FrameBursts, IReadOnlyList<string> MissingBursts, IReadOnlyList<string> MissingSwaths);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
