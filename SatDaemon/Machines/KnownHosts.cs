using System.Security.Cryptography;
using System.Text;

namespace SatDaemon.Machines;

/// <summary>
/// An OpenSSH known_hosts file: decides whether a host key presented by host:port is the one on record.
/// Plain ("host", "[host]:port", comma lists) and hashed ("|1|salt|hash") entries are understood;
/// markers (@revoked) make a key untrusted.
/// </summary>
public sealed class KnownHosts
{
    private readonly List<Entry> _entries;

    private KnownHosts(List<Entry> entries) => _entries = entries;

    private sealed record Entry(string[] Patterns, string? HashedSalt, string? HashedHash, string KeyType, string KeyBase64, bool Revoked);

    public static KnownHosts Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"known_hosts file {path} not found", path);
        return Parse(File.ReadAllLines(path));
    }

    public static KnownHosts Parse(IEnumerable<string> lines)
    {
        var entries = new List<Entry>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var revoked = false;
            if (parts[0].StartsWith('@'))
            {
                revoked = parts[0] == "@revoked";
                if (parts[0] != "@revoked") continue; // @cert-authority: not supported, ignored
                parts = parts[1..];
            }
            if (parts.Length < 3) continue;
            if (parts[0].StartsWith("|1|"))
            {
                var h = parts[0].Split('|');
                if (h.Length == 4) entries.Add(new Entry([], h[2], h[3], parts[1], parts[2], revoked));
            }
            else entries.Add(new Entry(parts[0].Split(','), null, null, parts[1], parts[2], revoked));
        }
        return new KnownHosts(entries);
    }

    /// <summary>The verdict for a presented key: Trusted, Changed (host known with another key) or Unknown.</summary>
    public HostKeyVerdict Check(string host, int port, string keyType, byte[] key)
    {
        var name = port == 22 ? host : $"[{host}]:{port}";
        var presented = Convert.ToBase64String(key);
        var known = false;
        foreach (var e in _entries)
        {
            if (!Matches(e, name)) continue;
            if (e.KeyBase64 == presented) return e.Revoked ? HostKeyVerdict.Changed : HostKeyVerdict.Trusted;
            if (e.KeyType == keyType) known = true;
        }
        return known ? HostKeyVerdict.Changed : HostKeyVerdict.Unknown;
    }

    private static bool Matches(Entry e, string name)
    {
        if (e.HashedSalt is not null)
        {
            var salt = Convert.FromBase64String(e.HashedSalt);
            using var hmac = new HMACSHA1(salt);
            return Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(name))) == e.HashedHash;
        }
        return e.Patterns.Any(p => !p.StartsWith('!') && string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Outcome of checking a host key against known_hosts.</summary>
public enum HostKeyVerdict { Trusted, Unknown, Changed }
