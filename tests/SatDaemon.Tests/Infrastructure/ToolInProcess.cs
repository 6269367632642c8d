using SatDaemon.Tools;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// Runs a satdaemon-tools command line in the test process (<see cref="ToolsProgram.RunAsync"/>: the same parser,
/// commands and exit codes as the process, output and error captured from the invocation's writers). For tests about
/// what a command does or prints, not about the process: a `dotnet satdaemon-tools.dll` start costs 1–3 s on two
/// loaded cores. Tests about the process itself (its console logging, signals, environment, job commands the daemon
/// starts) keep <see cref="ToolProcess"/>.
/// </summary>
public static class ToolInProcess
{
    public static async Task<ToolResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ToolsProgram.RunAsync(args, stdout, stderr);
        return new ToolResult(code, stdout.ToString(), stderr.ToString());
    }
}
