using System.Diagnostics;
using SatDaemon.Machines;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// The launch line's own `>> log` creates the job's log before job exec opens it, so that is where the log's mode
/// is decided. Run through real dash and bash with a stand-in for satdaemon-tools.
/// </summary>
public sealed class LaunchLogModeFacts
{
    [Theory]
    [InlineData("/bin/dash")]
    [InlineData("/bin/bash")]
    public async Task The_launch_line_creates_the_log_readable_by_owner_and_group_only(string shell)
    {
        using var dir = new TempDirectory();
        var tools = dir.Path("satdaemon-tools");
        await File.WriteAllTextAsync(tools, "#!/bin/sh\necho job exec ran\n");
        File.SetUnixFileMode(tools, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var log = dir.Path("proc/132A_TEST_FRAME/logs/job-5.log");

        var exit = (await ShellCommand.RunAsync(shell, RemoteCommands.Launch(tools, dir.Path("satdaemon.cfg"), "0123abcd4567ef89", 5, log, ["/bin/true"]))).Exit;

        Assert.Equal(0, exit);
        // The stand-in runs detached; once its line is in the log, whoever created the file has done so.
        await WaitFor.ConditionAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("job exec ran"), TimeSpan.FromSeconds(10),
            "the stand-in's line in the log");
        Assert.Equal(PrivateFileMode.Octal(PrivateFileMode.Expected), PrivateFileMode.Of(log));
    }

}
