using System.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools jobs …: what jobs have done, across runs (job, singular, is the protocol of one running job).</summary>
internal static class JobsCommand
{
    public static Command Build()
    {
        var cmd = new Command("jobs", "what jobs have taken, across runs");
        cmd.Subcommands.Add(JobsUsageCommand.Build());
        return cmd;
    }
}
