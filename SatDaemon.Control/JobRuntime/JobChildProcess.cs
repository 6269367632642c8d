using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using SatDaemon.Control.Jobs;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// The command job exec runs: started directly from its argv (no shell), its stdout and stderr copied line by line
/// to the log and the tail. SIGTERM and SIGINT sent to job exec are forwarded to it.
/// </summary>
internal sealed class JobChildProcess(JobLogSink sink)
{
    // A grandchild may keep the pipes open after the command exits; its output is not worth hanging the job's end for.
    private static readonly TimeSpan DrainAfterExit = TimeSpan.FromSeconds(5);

    public int? Pid { get; private set; }

    public async Task<ExitStatus> RunAsync(IReadOnlyList<string> argv, IDictionary<string, string> environment, string? workingDirectory,
        Action<int, string> onStarted, Action<string, int> onSignalForwarded, Func<Task>? onExited = null)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return ExitStatus.CannotStart($"{argv[0]}: {e.Message}");
        }
        Pid = process.Id;
        onStarted(process.Id, argv[0]);

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Forward(c, PosixSignals.SigTerm, "SIGTERM"));
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Forward(c, PosixSignals.SigInt, "SIGINT"));

        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
        await process.WaitForExitAsync();
        // Leftovers of the command (see JobSession) hold its pipes open; once they are stopped the pumps end at once.
        if (onExited is not null) await onExited();
        await Task.WhenAny(pumps, Task.Delay(DrainAfterExit));
        return ExitStatus.FromExitCode(process.ExitCode);

        void Forward(PosixSignalContext context, int signal, string name)
        {
            // job exec itself must live on to record the outcome; the command decides how to end.
            context.Cancel = true;
            if (Pid is { } pid && !process.HasExited)
            {
                PosixSignals.Send(pid, signal);
                onSignalForwarded(name, pid);
            }
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line) sink.Write(line);
    }
}
