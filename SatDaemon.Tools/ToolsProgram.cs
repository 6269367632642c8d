using System.CommandLine;
using SatDaemon.Tools.Commands;

namespace SatDaemon.Tools;

/// <summary>The satdaemon-tools command line, runnable in-process so that tests drive the real commands.</summary>
public static class ToolsProgram
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("satdaemon-tools: database, ingest, frame, control and job tools of SatDaemon. "
            + "Exit codes: 0 ok, 1 failed (also: the database cannot be reached or is not initialised), 2 usage or config, "
            + "3 daemon not running (ctl status) or job not running (job commands), 4 another ingest is running (ingest-files)");
        root.Options.Add(CommonOptions.Config);
        root.Options.Add(CommonOptions.LogLevel);
        root.Options.Add(CommonOptions.Quiet);
        root.Subcommands.Add(InitDatabaseCommand.Build());
        root.Subcommands.Add(CtlCommand.Build());
        root.Subcommands.Add(JobCommand.Build());
        root.Subcommands.Add(JobsCommand.Build());
        root.Subcommands.Add(IngestFilesCommand.Build());
        root.Subcommands.Add(FrameCommand.Build());
        root.Subcommands.Add(ExportFramesCommand.Build());
        root.Subcommands.Add(BurstsCommand.Build());
        root.Subcommands.Add(CheckDbConsistencyCommand.Build());
        root.Subcommands.Add(WebUserCommand.Build());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; output and error go to the given writers (default: the console).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken ct = default)
    {
        var invocation = new InvocationConfiguration();
        if (output is not null) invocation.Output = output;
        if (error is not null) invocation.Error = error;
        return InvokeAsync(BuildRoot().Parse(args), invocation, ct);
    }

    private static async Task<int> InvokeAsync(ParseResult parsed, InvocationConfiguration invocation, CancellationToken ct)
    {
        var code = await parsed.InvokeAsync(invocation, ct);
        // System.CommandLine ends a usage error (an unknown command, -d without a file) with 1; DESIGN §13 says 2.
        return parsed.Errors.Count > 0 ? ToolRunner.BadInput : code;
    }
}
