using System.Diagnostics;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>What a finished satdaemon-tools process left.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Exit code and both streams, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}

/// <summary>Runs the built satdaemon-tools as a real process (`dotnet satdaemon-tools.dll …`), as the daemon launches it.</summary>
public static class ToolProcess
{
    /// <summary>The satdaemon-tools.dll the tests run (see <see cref="TestBinaries"/>).</summary>
    public static string ToolsDll => TestBinaries.ToolsDll;

    /// <summary>dotnet test sets DOTNET_HOST_PATH to the host that runs it; children use the same runtime.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";

    /// <summary>argv for running the tools: dotnet satdaemon-tools.dll ARGS.</summary>
    public static IReadOnlyList<string> Argv(params string[] args) => [DotnetHost, ToolsDll, .. args];

    /// <summary>
    /// Starts satdaemon-tools with <paramref name="args"/>, stdin closed. The test host's own job environment
    /// ($SATDAEMON_JOB_ID, $SATDAEMON_CONFIG) never leaks in: tests set what they mean in <paramref name="environment"/>
    /// (a null value removes a variable).
    /// </summary>
    /// <param name="dotnetJobExec">Run `job exec` as the .NET tool even when a native job exec is published (a test of the
    /// .NET wrapper itself, which stays the default when [PARAMETERS] job_exec is empty).</param>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null, bool dotnetJobExec = false)
    {
        var words = args.ToList();
        // job exec runs as the native file when there is one (TestBinaries.JobExec), with the same words.
        var native = words is ["job", "exec", ..] && !dotnetJobExec ? TestBinaries.JobExec : null;
        var psi = new ProcessStartInfo(native ?? DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (native is null) psi.ArgumentList.Add(ToolsDll);
        foreach (var a in words) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SATDAEMON_JOB_ID");
        psi.Environment.Remove("SATDAEMON_CONFIG");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + psi.FileName);
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs satdaemon-tools to its end; fails the test with both streams after <paramref name="timeout"/> (default 2 min).</summary>
    public static async Task<ToolResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null, string? workingDirectory = null, bool dotnetJobExec = false)
    {
        using var process = Start(args, environment, workingDirectory, dotnetJobExec);
        return await CollectAsync(process, timeout ?? TimeSpan.FromMinutes(2));
    }

    public static Task<ToolResult> RunAsync(params string[] args) => RunAsync((IEnumerable<string>)args);

    /// <summary>Waits for a started tools process and returns what it printed; kills it (and its children) after <paramref name="timeout"/>.</summary>
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
            throw new TimeoutException($"satdaemon-tools did not end within {timeout}\n--- stdout ---\n{await stdout}--- stderr ---\n{await stderr}");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
