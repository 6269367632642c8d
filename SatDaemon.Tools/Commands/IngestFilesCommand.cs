using System.CommandLine;
using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Database.Ingest;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ingest-files: add every zip below {data_dir}/T*/ to the database; idempotent.</summary>
internal static class IngestFilesCommand
{
    public static Command Build()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "directory holding T{track}/ folders of zips (default: data_dir of the config)" };
        var json = new Option<bool>("--json")
        {
            Description = "print the summary as JSON (no progress lines): {data_dir, found, added, already_known, new_bursts, frame_links, "
                + "rejected: [{file_path, reason}], unreadable: [{file_path, reason}]}; rejections still go to stderr too",
        };
        var cmd = new Command("ingest-files", "add every *.zip under {data_dir}/T*/ to files, bursts, files2bursts and frames2files; "
            + "bad zips and unreadable folders are reported (stderr) and skipped, the rest still go in. Exit 0 all ingested, 1 something was rejected or unreadable, 2 bad input");
        cmd.Options.Add(dataDir);
        cmd.Options.Add(json);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            var output = pr.InvocationConfiguration.Output;
            var asJson = pr.GetValue(json);
            // data_dir in the config is taken from the config's folder when relative; --data-dir from the current one.
            var dir = pr.GetValue(dataDir) is { } given ? Path.GetFullPath(given) : Path.GetFullPath(Path.Combine(config.Directory, config.Parameters.DataDir));
            if (!Directory.Exists(dir))
            {
                pr.InvocationConfiguration.Error.WriteLine($"error: data directory {dir} does not exist");
                return ToolRunner.BadInput;
            }
            var factory = ToolRunner.Factory(config);
            // Progress is talk, not the result: --quiet and --json leave it out. Redirected (cron, logs): a line every
            // 50 zips, so a long ingest still shows it is moving.
            var info = asJson ? TextWriter.Null : CommonOptions.Info(pr);
            info.WriteLine($"ingesting {dir} into {factory.Url.DisplayName}");
            var progress = ConsoleProgress<IngestProgress>.ForStdout(info, p => new ProgressStep(p.Done, p.Total, p.FileName), lineEvery: 50);
            var report = await new FileIngester(factory).IngestAsync(dir, progress, ct);
            progress.Finish();
            foreach (var bad in report.Rejected) pr.InvocationConfiguration.Error.WriteLine($"rejected {bad.FilePath}: {bad.Reason}");
            foreach (var bad in report.Unreadable) pr.InvocationConfiguration.Error.WriteLine($"unreadable {bad.FilePath}: {bad.Reason}");
            if (asJson) output.WriteLine(JsonSerializer.Serialize(Summary.Of(dir, report), StatusJson.Options));
            else output.WriteLine(Line(report));
            return report.Incomplete ? ToolRunner.Failed : ToolRunner.Ok;
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
        IReadOnlyList<Problem> Rejected, IReadOnlyList<Problem> Unreadable)
    {
        public static Summary Of(string dir, IngestReport r) => new(dir, r.Found, r.Added, r.AlreadyKnown, r.NewBursts, r.FrameLinks,
            r.Rejected.Select(x => new Problem(x.FilePath, x.Reason)).ToList(), r.Unreadable.Select(x => new Problem(x.FilePath, x.Reason)).ToList());
    }

    private sealed record Problem(string FilePath, string Reason);
}
