using System.CommandLine;
using SatDaemon.Configuration;
using SatDaemon.Database.Audit;
using SatDaemon.Database.Frames;

namespace SatDaemon.Tools.Commands;

/// <summary>satdaemon-tools frame create|fill-files|update-procdates|set-master|list|reprocess|versions.</summary>
internal static class FrameCommand
{
    public static Command Build()
    {
        var cmd = new Command("frame", "create frames and manage their dates and master");
        cmd.Subcommands.Add(FrameCreateCommand.Build());
        cmd.Subcommands.Add(FrameFillFilesCommand.Build());
        cmd.Subcommands.Add(FrameUpdateProcDatesCommand.Build());
        cmd.Subcommands.Add(FrameSetMasterCommand.Build());
        cmd.Subcommands.Add(FrameListCommand.Build());
        cmd.Subcommands.Add(FrameReprocessCommand.Build());
        cmd.Subcommands.Add(FrameVersionsCommand.Build());
        return cmd;
    }

    /// <summary>The FRAME argument shared by the subcommands.</summary>
    public static Argument<string> FrameArgument() => new("FRAME") { Description = "frame id, e.g. 132A_CUSTOM_FRAME" };

    public static FrameManager Manager(SatDaemonConfig config) =>
        new(ToolRunner.Factory(config), config.Parameters.RsarConnections, actor: Actor.OsUser());
}
