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

    /// <summary>A Slurm partition: jobs are submitted with sbatch and followed with squeue, not run and listed with ps.</summary>
    public bool IsSlurm => Options.Transport == Transport.Slurm;

    /// <summary>
    /// How the daemon reaches the machine: SSH, this host, or for Slurm its submit host (a login node over SSH with the
    /// section's keys, or this host when no submit_host is set).
    /// </summary>
    public static ProcMachine Create(MachineOptions options, TimeProvider time) =>
        new(options, options.Transport switch
        {
            Transport.Local => new LocalTransport(),
            Transport.Slurm when options.SubmitHost is null => new LocalTransport(),
            _ => new SshTransport(options),
        }, time);

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

    /// <summary>
    /// The reconcile's reading: `ps`, and in the same command the files of the listed jobs whose job exec is gone
    /// (<see cref="RemoteCommands.Reconcile"/>). One command per machine however many jobs ended.
    /// </summary>
    public async Task<MachineReading> ReadForReconcileAsync(string instance, IReadOnlyList<(long JobId, string LogPath)> jobs, CancellationToken ct)
    {
        var marker = Guid.NewGuid().ToString("N");
        var r = await RunAsync(RemoteCommands.Reconcile(instance, marker, jobs), ct);
        if (!r.Ok) throw new MachineUnavailableException(Name, $"ps failed (exit {r.ExitCode}): {r.Stderr.Trim()}");
        return MachineReading.Parse(r.Stdout, marker);
    }

    /// <summary>Submits a batch job (<see cref="Slurm.SlurmCommands.Submit"/>) and returns its Slurm job id.</summary>
    public async Task<long> SubmitAsync(string command, CancellationToken ct)
    {
        var r = await RunAsync(command, ct);
        // A controller that does not answer is a machine that does not answer, not a failed job. A refused connection
        // means nothing was submitted; a timeout may have submitted it (the next squeue finds it by name, or not).
        if (!r.Ok && Slurm.SlurmCommands.ControllerDown(r.Stderr) is { } mayHaveRun)
            throw new MachineUnavailableException(Name, $"sbatch: {r.Stderr.Trim()}", commandMayHaveRun: mayHaveRun);
        // sbatch --parsable prints "id" or "id;cluster".
        var last = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()?.Split(';')[0];
        if (!r.Ok || !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new InvalidOperationException($"{Name}: sbatch failed (exit {r.ExitCode}): {r.Stderr.Trim()} {r.Stdout.Trim()}".Trim());
        return id;
    }

    /// <summary>The partition's jobs as Slurm knows them; a controller that does not answer makes the machine unavailable.</summary>
    public async Task<Slurm.SlurmQueue> QueueAsync(CancellationToken ct)
    {
        var r = await RunAsync(Slurm.SlurmCommands.Queue(Options), ct);
        if (!r.Ok) throw new MachineUnavailableException(Name, $"squeue failed (exit {r.ExitCode}): {r.Stderr.Trim()}");
        return Slurm.SlurmQueue.Parse(r.Stdout);
    }

    /// <summary>scancel; false when Slurm refused (the job is already gone, or the controller does not answer).</summary>
    public async Task<bool> CancelAsync(long slurmJobId, CancellationToken ct) =>
        (await RunAsync(Slurm.SlurmCommands.Cancel(slurmJobId), ct)).Ok;

    public async Task<string?> ReadFileAsync(string path, CancellationToken ct)
    {
        var r = await RunAsync(RemoteCommands.ReadFile(path), ct);
        return string.IsNullOrWhiteSpace(r.Stdout) ? null : r.Stdout;
    }

    /// <summary>Removes one file on the machine; false when the machine said it could not.</summary>
    public async Task<bool> DeleteFileAsync(string path, CancellationToken ct) =>
        (await RunAsync(RemoteCommands.DeleteFile(path), ct)).Ok;

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
