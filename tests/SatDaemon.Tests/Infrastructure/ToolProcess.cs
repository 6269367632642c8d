using System.Diagnostics;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>What a finished satdaemon-tools process left.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Exit code and both streams, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}

/// <summary>Runs the built satdaemon-tools as a real process (`dotnet satdaemon-tools.dll …`).</summary>
public static class ToolProcess
{
    /// <summary>
    /// Runs satdaemon-tools with <paramref name="args"/>; fails the test with both streams after <paramref name="timeout"/>
    /// (default 2 min). $SATDAEMON_CONFIG is cleared so that only the given -d counts.
    /// </summary>
    public static async Task<ToolResult> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        psi.ArgumentList.Add(ToolsDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SATDAEMON_CONFIG"] = null;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) psi.Environment[k] = v;

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + psi.FileName);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"satdaemon-tools {string.Join(' ', psi.ArgumentList.Skip(1))} did not end in time\n"
                + $"--- stdout ---\n{await stdout}--- stderr ---\n{await stderr}");
        }
        return new ToolResult(p.ExitCode, await stdout, await stderr);
    }

    public static Task<ToolResult> RunAsync(params string[] args) => RunAsync((IEnumerable<string>)args);

    /// <summary>The satdaemon-tools.dll the tests run (see <see cref="TestBinaries"/>).</summary>
    public static string ToolsDll() => TestBinaries.ToolsDll;

    // dotnet test sets DOTNET_HOST_PATH to the host that runs it; use the same one.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
}
