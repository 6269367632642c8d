using System.Diagnostics;

namespace SatDaemon.Tests.Jobs;

/// <summary>Runs the built satdaemon-tools (a real process, as the daemon launches it) and captures what it printed.</summary>
public static class ToolProcess
{
    /// <summary>The satdaemon-tools.dll the tests run (see <see cref="Infrastructure.TestBinaries"/>).</summary>
    public static string ToolsDll => Infrastructure.TestBinaries.ToolsDll;

    /// <summary>The dotnet host running the tests, so the child uses the same runtime.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p ? p : "dotnet";

    /// <summary>argv for running the tools: dotnet satdaemon-tools.dll ARGS.</summary>
    public static IReadOnlyList<string> Argv(params string[] args) => [DotnetHost, ToolsDll, .. args];

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add(ToolsDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The job environment of the test host must not leak into the tools (tests set what they mean).
        psi.Environment.Remove("SATDAEMON_JOB_ID");
        psi.Environment.Remove("SATDAEMON_CONFIG");
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        var process = Process.Start(psi)!;
        process.StandardInput.Close();
        return process;
    }

    public static async Task<ToolResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment);
        return await CollectAsync(process, timeout ?? TimeSpan.FromMinutes(2));
    }

    public static async Task<ToolResult> CollectAsync(Process process, TimeSpan timeout)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"satdaemon-tools did not finish within {timeout}; stderr so far: {await stderr}");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
