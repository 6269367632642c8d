using System.ComponentModel;
using System.Diagnostics;
using SatDaemon.Configuration;

namespace SatDaemon.JobExec;

/// <summary>
/// `satdaemon-tools job settle --spool FILE`: the .NET tool records a job's end from its outcome spool through JobStore
/// (the same code the daemon settles a spool with) and posts Teams, then deletes the spool. It lives only for that
/// moment after the command. Started through setsid in a session of its own: a TERM or KILL of the job's session
/// (the daemon stopping the job) must not cut a recording in half; the guarded end records it once either way.
/// </summary>
internal static class JobSettleProcess
{
    /// <summary>Null when the end was recorded (or had been already); else what went wrong, in a few words.</summary>
    public static async Task<string?> RunAsync(SatDaemonConfig config, string spoolPath)
    {
        var tools = config.Parameters.SatdaemonTools;
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        // satdaemon_tools may name the apphost or, where there is none (a framework-dependent copy), the .dll.
        if (tools.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(tools);
        foreach (var a in new[] { "job", "settle", "--spool", spoolPath, "-d", config.FilePath }) psi.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(psi);
            if (process is null) return $"cannot start {tools}";
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? null : $"{tools} job settle ended with exit code {process.ExitCode}";
        }
        catch (Win32Exception e)
        {
            return $"cannot start {tools}: {e.Message}";
        }
    }
}
