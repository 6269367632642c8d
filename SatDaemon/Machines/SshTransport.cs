using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Renci.SshNet;
using Renci.SshNet.Common;
using SatDaemon.Configuration;

namespace SatDaemon.Machines;

/// <summary>
/// One SSH connection per machine, opened on first use and reused for every command.
/// Key authentication only; the host key must be in known_hosts — an unknown or changed key is refused, never learnt.
/// Transient connect failures are retried briefly (Polly); longer outages are the machine health's business.
/// </summary>
public sealed class SshTransport : IMachineTransport
{
    private readonly MachineOptions _machine;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ResiliencePipeline _connectRetry;
    private SshClient? _client;
    private string? _hostKeyProblem;

    public SshTransport(MachineOptions machine)
    {
        _machine = machine;
        _connectRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SocketException>().Handle<SshConnectionException>().Handle<SshOperationTimeoutException>(),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(300),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    public async Task<CommandResult> RunAsync(string command, CancellationToken ct)
    {
        var client = await ConnectedClientAsync(ct);
        try
        {
            using var cmd = client.CreateCommand(command);
            cmd.CommandTimeout = TimeSpan.FromMinutes(2);
            await cmd.ExecuteAsync(ct);
            return new CommandResult(cmd.ExitStatus ?? (cmd.ExitSignal is null ? 0 : 128), cmd.Result, cmd.Error);
        }
        catch (Exception e) when (e is SshConnectionException or SocketException or SshOperationTimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection broke under us: drop it so the next command reconnects.
            await DropAsync();
            throw new MachineUnavailableException(_machine.Name, "ssh connection lost: " + e.Message, e, commandMayHaveRun: true);
        }
    }

    private async Task<SshClient> ConnectedClientAsync(CancellationToken ct)
    {
        await _connectLock.WaitAsync(ct);
        try
        {
            if (_client is { IsConnected: true }) return _client;
            await DropAsync();
            var client = CreateClient();
            try
            {
                await _connectRetry.ExecuteAsync(async token => await client.ConnectAsync(token), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                client.Dispose();
                throw new MachineUnavailableException(_machine.Name, Describe(e), e);
            }
            _client = client;
            return client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private SshClient CreateClient()
    {
        var keyPath = ExpandHome(_machine.KeyFile);
        if (!File.Exists(keyPath)) throw new MachineUnavailableException(_machine.Name, $"key_file {keyPath} not found");
        KnownHosts known;
        try { known = KnownHosts.Load(ExpandHome(_machine.KnownHosts)); }
        catch (FileNotFoundException e) { throw new MachineUnavailableException(_machine.Name, e.Message, e); }
        var info = new ConnectionInfo(_machine.Host, _machine.Port, _machine.User,
            new PrivateKeyAuthenticationMethod(_machine.User, new PrivateKeyFile(keyPath)))
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(30) };
        _hostKeyProblem = null;
        client.HostKeyReceived += (_, e) => CheckHostKey(known, e);
        return client;
    }

    private void CheckHostKey(KnownHosts known, HostKeyEventArgs e)
    {
        var verdict = known.Check(_machine.Host, _machine.Port, e.HostKeyName, e.HostKey);
        e.CanTrust = verdict == HostKeyVerdict.Trusted;
        _hostKeyProblem = verdict switch
        {
            HostKeyVerdict.Unknown => $"host key {e.HostKeyName} SHA256:{e.FingerPrintSHA256} of {_machine.Host}:{_machine.Port} is not in {_machine.KnownHosts}; refusing to connect (add it with ssh-keyscan after checking it)",
            HostKeyVerdict.Changed => $"host key of {_machine.Host}:{_machine.Port} CHANGED (now {e.HostKeyName} SHA256:{e.FingerPrintSHA256}); refusing to connect — check the machine before updating {_machine.KnownHosts}",
            _ => null,
        };
    }

    private string Describe(Exception e) => _hostKeyProblem ?? e switch
    {
        SocketException s => $"cannot connect to {_machine.Host}:{_machine.Port}: {s.SocketErrorCode}",
        SshAuthenticationException => $"ssh key authentication as {_machine.User} refused by {_machine.Host}:{_machine.Port}",
        SshOperationTimeoutException => $"ssh to {_machine.Host}:{_machine.Port} timed out",
        _ => $"ssh to {_machine.Host}:{_machine.Port} failed: {e.Message}",
    };

    internal static string ExpandHome(string path) =>
        path.StartsWith("~/") ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]) : path;

    private Task DropAsync()
    {
        var c = _client;
        _client = null;
        if (c is not null)
        {
            try { c.Disconnect(); } catch (Exception) { /* already broken */ }
            c.Dispose();
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _connectLock.Dispose();
    }
}
