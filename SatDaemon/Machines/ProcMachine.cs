using System.Globalization;
using SatDaemon.Configuration;
using SatDaemon.Scheduling;

namespace SatDaemon.Machines;

/// <summary>A processing machine: its budget, how to reach it, whether it answers, and the few things the daemon asks of it.</summary>
public sealed class ProcMachine : IAsyncDisposable
{
    private readonly IMachineTransport _transport;

    public ProcMachine(MachineOptions options, IMachineTransport transport, TimeProvider time)
    {
        Options = options;
        _transport = transport;
        Health = new MachineHealth(time);
    }

    public string Name => Options.Name;
    public MachineOptions Options { get; }
    public MachineHealth Health { get; }
    public Resources Capacity => new(Options.Cpus, Options.Memory, Options.Disk);

    public static ProcMachine Create(MachineOptions options, TimeProvider time) =>
        new(options, options.Transport == Transport.Local ? new LocalTransport() : new SshTransport(options), time);

    /// <summary>Launches job exec detached and returns its pid.</summary>
    public async Task<int> LaunchAsync(string command, CancellationToken ct)
    {
        var r = await RunAsync(command, ct);
        var last = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (!r.Ok || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            throw new InvalidOperationException($"{Name}: launch failed (exit {r.ExitCode}): {r.Stderr.Trim()} {r.Stdout.Trim()}".Trim());
        return pid;
    }

    public async Task<MachineProcesses> ListProcessesAsync(CancellationToken ct)
    {
        var r = await RunAsync(RemoteCommands.ListProcesses, ct);
        if (!r.Ok) throw new MachineUnavailableException(Name, $"ps failed (exit {r.ExitCode}): {r.Stderr.Trim()}");
        return MachineProcesses.Parse(r.Stdout);
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken ct)
    {
        var r = await RunAsync(RemoteCommands.ReadFile(path), ct);
        return string.IsNullOrWhiteSpace(r.Stdout) ? null : r.Stdout;
    }

    public async Task<bool> FileExistsAsync(string path, CancellationToken ct) =>
        (await RunAsync(RemoteCommands.FileExists(path), ct)).Stdout.Trim() == "yes";

    /// <summary>Sends TERM or KILL to every process of a job's session; returns how many were signalled.</summary>
    public async Task<int> SignalSessionAsync(int sid, string signal, CancellationToken ct)
    {
        var r = await RunAsync(RemoteCommands.SignalSession(sid, signal), ct);
        var last = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    // Failures surface as MachineUnavailableException; the daemon decides what they mean for the machine's health.
    private Task<CommandResult> RunAsync(string command, CancellationToken ct) => _transport.RunAsync(command, ct);

    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}
