using System.Diagnostics;
using System.Globalization;
using System.Text;
using SatDaemon.Configuration;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// Reads a job's log from a byte offset on: the local file when the machine is local (or the file is here, a shared
/// folder), otherwise over SSH with the machine's own [PROC_MACHINES:*] user, key and known_hosts (the system ssh client,
/// batch mode, host key checked strictly: an unknown key is refused, never learnt, as the daemon does).
/// </summary>
internal sealed class JobLogReader(string path, MachineOptions? machine)
{
    public async Task<string> ReadFromAsync(long offset, CancellationToken ct)
    {
        if (machine is null || machine.Transport == Transport.Local || File.Exists(path))
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"log {path} does not exist (yet?)");
            await using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (offset >= f.Length) return "";
            f.Seek(offset, SeekOrigin.Begin);
            using var r = new StreamReader(f, Encoding.UTF8);
            return await r.ReadToEndAsync(ct);
        }
        return await SshAsync($"tail -c +{(offset + 1).ToString(CultureInfo.InvariantCulture)} '{path.Replace("'", "'\\''")}'", ct);
    }

    private async Task<string> SshAsync(string command, CancellationToken ct)
    {
        var m = machine!;
        var psi = new ProcessStartInfo("ssh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
        {
            "-p", m.Port.ToString(CultureInfo.InvariantCulture), "-i", Home(m.KeyFile), "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + Home(m.KnownHosts), "-o", "ConnectTimeout=10",
            "-l", m.User, m.Host, command,
        }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start ssh");
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"reading {path} on {m.Name} ({m.User}@{m.Host}:{m.Port}) over ssh failed: {(await error).Trim()}");
        return await output;
    }

    private static string Home(string p) =>
        p.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), p[2..]) : p;
}
