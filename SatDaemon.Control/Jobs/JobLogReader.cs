using System.Diagnostics;
using System.Globalization;
using System.Text;
using SatDaemon.Configuration;

namespace SatDaemon.Control;

/// <summary>
/// Reads a job's log from a byte offset on: the local file when the machine is local (or the file is here, a shared
/// folder), otherwise over SSH with the machine's own [PROC_MACHINES:*] user, key and known_hosts (the system ssh client,
/// batch mode, host key checked strictly: an unknown key is refused, never learnt, as the daemon does). A Slurm
/// machine's job writes its log on the shared folder, reached here or through the login node named as its host.
/// `ctl log [-f]` and the console's job page both read through it.
/// </summary>
public sealed class JobLogReader(string path, MachineOptions? machine)
{
    /// <summary>Everything from <paramref name="offset"/> to the end (ctl log).</summary>
    public async Task<string> ReadFromAsync(long offset, CancellationToken ct)
    {
        if (IsHere)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"log {path} does not exist (yet?)");
            await using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (offset >= f.Length) return "";
            f.Seek(offset, SeekOrigin.Begin);
            using var r = new StreamReader(f, Encoding.UTF8);
            return await r.ReadToEndAsync(ct);
        }
        return Encoding.UTF8.GetString(await SshAsync($"tail -c +{(offset + 1).ToString(CultureInfo.InvariantCulture)} {Quoted}", ct));
    }

    /// <summary>
    /// At most <paramref name="maxBytes"/> from byte <paramref name="offset"/> on, or, with a negative offset, the last
    /// <paramref name="maxBytes"/> of the log: what the console's job page shows and its live tail polls. The chunk ends on
    /// a whole UTF-8 character, so the next read from <see cref="LogChunk.End"/> never splits one.
    /// </summary>
    public async Task<LogChunk> ReadChunkAsync(long offset, int maxBytes, CancellationToken ct)
    {
        long length, start;
        byte[] bytes;
        if (IsHere)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"log {path} does not exist (yet?)");
            await using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            length = f.Length;
            start = Start(offset, length, maxBytes);
            f.Seek(start, SeekOrigin.Begin);
            bytes = new byte[(int)Math.Min(maxBytes, Math.Max(0, length - start))];
            var read = 0;
            while (read < bytes.Length && await f.ReadAsync(bytes.AsMemory(read), ct) is var n and > 0) read += n;
            if (read < bytes.Length) bytes = bytes[..read];
        }
        else
        {
            // One round trip: the length, the start it chose, then the bytes. POSIX sh, so a dash login shell runs it too.
            var max = maxBytes.ToString(CultureInfo.InvariantCulture);
            var script = $"f={Quoted}; n=$(wc -c < \"$f\") || exit 1; s={offset.ToString(CultureInfo.InvariantCulture)}; " +
                         $"if [ \"$s\" -lt 0 ]; then s=$((n > {max} ? n - {max} : 0)); fi; if [ \"$s\" -gt \"$n\" ]; then s=$n; fi; " +
                         $"echo \"$n $s\"; tail -c +$((s + 1)) \"$f\" | head -c {max}";
            var output = await SshAsync(script, ct);
            var newline = Array.IndexOf(output, (byte)'\n');
            var header = Encoding.ASCII.GetString(output, 0, newline).Split(' ');
            length = long.Parse(header[0], CultureInfo.InvariantCulture);
            start = long.Parse(header[1], CultureInfo.InvariantCulture);
            bytes = output[(newline + 1)..];
        }
        var whole = WholeCharacters(bytes);
        return new LogChunk(Encoding.UTF8.GetString(bytes, 0, whole), start, start + whole, length);
    }

    private bool IsHere => machine is null || machine.Transport == Transport.Local || File.Exists(path);

    private string Quoted => "'" + path.Replace("'", "'\\''") + "'";

    private static long Start(long offset, long length, int maxBytes) =>
        offset < 0 ? Math.Max(0, length - maxBytes) : Math.Min(offset, length);

    /// <summary>How many leading bytes are whole UTF-8 characters: a character cut at the end is left for the next read.</summary>
    private static int WholeCharacters(byte[] b)
    {
        // Look back at most 3 bytes for the lead byte of the last character.
        for (int i = b.Length - 1, back = 0; i >= 0 && back < 4; i--, back++)
        {
            var x = b[i];
            if ((x & 0xC0) == 0x80) continue; // continuation byte
            var size = x < 0x80 ? 1 : (x & 0xE0) == 0xC0 ? 2 : (x & 0xF0) == 0xE0 ? 3 : (x & 0xF8) == 0xF0 ? 4 : 1;
            return i + size <= b.Length ? b.Length : i;
        }
        return b.Length;
    }

    private async Task<byte[]> SshAsync(string command, CancellationToken ct)
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
        using var output = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(output, ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        await copy;
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"reading {path} on {m.Name} ({m.User}@{m.Host}:{m.Port}) over ssh failed: {(await error).Trim()}");
        return output.ToArray();
    }

    private static string Home(string p) =>
        p.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), p[2..]) : p;
}

/// <summary>Part of a log: its text, the byte range it came from, and the log's length when read.</summary>
public sealed record LogChunk(string Text, long Start, long End, long Length);
