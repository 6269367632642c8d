using System.CommandLine;
using SatDaemon.Database.Ingest;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools ingest-files: add every zip below {data_dir}/T*/ to the database; idempotent.</summary>
internal static class IngestFilesCommand
{
    public static Command Build()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "directory holding T{track}/ folders of zips (default: data_dir of the config)" };
        var cmd = new Command("ingest-files", "add every *.zip under {data_dir}/T*/ to files, bursts, files2bursts and frames2files; "
            + "bad zips and unreadable folders are reported (stderr) and skipped, the rest still go in. Exit 0 all ingested, 1 something was rejected or unreadable, 2 bad input");
        cmd.Options.Add(dataDir);
        ToolRunner.SetAction(cmd, async (pr, config, ct) =>
        {
            // data_dir in the config is taken from the config's folder when relative; --data-dir from the current one.
            var dir = pr.GetValue(dataDir) is { } given ? Path.GetFullPath(given) : Path.GetFullPath(Path.Combine(config.Directory, config.Parameters.DataDir));
            if (!Directory.Exists(dir))
            {
                Console.Error.WriteLine($"error: data directory {dir} does not exist");
                return ToolRunner.BadInput;
            }
            var factory = ToolRunner.Factory(config);
            Console.WriteLine($"ingesting {dir} into {factory.Url.DisplayName}");
            // Redirected (cron, logs): a line every 50 zips, so a long ingest still shows it is moving.
            var progress = ConsoleProgress<IngestProgress>.ForStdout(Console.Out, p => new ProgressStep(p.Done, p.Total, p.FileName), lineEvery: 50);
            var report = await new FileIngester(factory).IngestAsync(dir, progress, ct);
            progress.Finish();
            Print(report);
            return report.Incomplete ? ToolRunner.Failed : ToolRunner.Ok;
        });
        return cmd;
    }

    private static void Print(IngestReport r)
    {
        foreach (var bad in r.Rejected) Console.Error.WriteLine($"rejected {bad.FilePath}: {bad.Reason}");
        foreach (var bad in r.Unreadable) Console.Error.WriteLine($"unreadable {bad.FilePath}: {bad.Reason}");
        var unreadable = r.Unreadable.Count > 0 ? $", {r.Unreadable.Count} folder(s) unreadable" : "";
        Console.WriteLine($"added {r.Added}, already known {r.AlreadyKnown}, rejected {r.Rejected.Count}{unreadable} (of {r.Found} zips; {r.NewBursts} new bursts, {r.FrameLinks} frame links)");
    }
}
