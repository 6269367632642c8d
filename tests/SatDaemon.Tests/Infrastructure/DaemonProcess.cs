using System.Diagnostics;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>Runs the built `satdaemon` as a real process (`dotnet satdaemon.dll …`), for what only a process shows: exit codes and streams.</summary>
public static class DaemonProcess
{
    /// <summary>Runs satdaemon with <paramref name="args"/>; $SATDAEMON_CONFIG is cleared so that only the given -d counts.</summary>
    public static async Task<ToolResult> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(TestBinaries.DaemonDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SATDAEMON_CONFIG"] = null;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start satdaemon");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"satdaemon {string.Join(' ', args)} did not end in time\n--- stdout ---\n{await stdout}--- stderr ---\n{await stderr}");
        }
        return new ToolResult(p.ExitCode, await stdout, await stderr);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
}
