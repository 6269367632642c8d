using System.Globalization;
using System.Text;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// The few /proc files the usage sampler reads (Linux). A process may end between listing and reading: every read
/// returns null (or zeros) then, never throws.
/// </summary>
internal static class ProcFs
{
    /// <summary>
    /// What /proc/PID/stat says about one process: its parent, session, state, and CPU ticks: its own (utime + stime)
    /// plus those of the children it has waited for (cutime + cstime).
    /// </summary>
    public readonly record struct Stat(int Pid, int Ppid, int Session, char State, ulong CpuTicks);

    /// <summary>Every process's stat, one pass over /proc/[0-9]*.</summary>
    public static List<Stat> AllStats()
    {
        var all = new List<Stat>(256);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ReadStat(pid) is { } s) all.Add(s);
        }
        return all;
    }

    public static Stat? ReadStat(int pid)
    {
        var text = ReadOrNull($"/proc/{pid}/stat");
        if (text is null) return null;
        // The command name (field 2) is in parentheses and may hold spaces and ')': the fields after it start at the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var f = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // f[0] state (field 3), f[1] ppid, f[3] session, f[11] utime (field 14), f[12] stime, f[13] cutime, f[14] cstime.
        if (f.Length < 15) return null;
        return new Stat(pid, Int(f[1]), Int(f[3]), f[0][0], ULong(f[11]) + ULong(f[12]) + ULong(f[13]) + ULong(f[14]));
    }

    /// <summary>Resident memory now and its peak (VmRSS, VmHWM) in kB from /proc/PID/status; zeros for a zombie or a process gone.</summary>
    public static (long RssKb, long HwmKb) ReadMemory(int pid)
    {
        var text = ReadOrNull($"/proc/{pid}/status");
        if (text is null) return (0, 0);
        long rss = 0, hwm = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("VmRSS:")) rss = Kb(line["VmRSS:".Length..]);
            else if (line.StartsWith("VmHWM:")) hwm = Kb(line["VmHWM:".Length..]);
        }
        return (rss, hwm);
    }

    /// <summary>
    /// Bytes the process made storage read and write (read_bytes, write_bytes of /proc/PID/io; page-cache hits are not
    /// reads). For a process, these include what its children it has waited for did. Null when not readable.
    /// </summary>
    public static (ulong Read, ulong Write)? ReadIo(int pid)
    {
        var text = ReadOrNull($"/proc/{pid}/io");
        if (text is null) return null;
        ulong read = 0, write = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("read_bytes:")) read = ULong(line["read_bytes:".Length..].Trim().ToString());
            else if (line.StartsWith("write_bytes:")) write = ULong(line["write_bytes:".Length..].Trim().ToString());
        }
        return (read, write);
    }

    // One buffer per thread: a pass reads a few hundred small files, and a FileStream per file (File.ReadAllText) was
    // most of a pass's cost. /proc/PID/status, the largest read here, is under 2 kB.
    [ThreadStatic]
    private static byte[]? _buffer;

    private static string? ReadOrNull(string path)
    {
        var buffer = _buffer ??= new byte[8192];
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            int n = 0, read;
            while (n < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(n), n)) > 0) n += read;
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static long Kb(ReadOnlySpan<char> value)
    {
        // "   123456 kB"
        var v = value.Trim();
        var space = v.IndexOf(' ');
        return long.TryParse(space < 0 ? v : v[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }

    private static int Int(string s) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static ulong ULong(string s) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
