namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// The mode a job's log and outcome file must get: 0640 (owner rw, group r, others nothing), as far as the process
/// umask lets it. The umask is read from /proc (the kernel's word), so the tests also hold under a stricter umask.
/// </summary>
public static class PrivateFileMode
{
    private const UnixFileMode OwnerRwGroupR =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public static UnixFileMode Expected => OwnerRwGroupR & ~Umask();

    /// <summary>The mode as ls shows it in octal, for readable assertion failures.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    public static string Of(string path) => Octal(File.GetUnixFileMode(path));

    private static UnixFileMode Umask()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Umask:", StringComparison.Ordinal));
        return (UnixFileMode)Convert.ToInt32(line["Umask:".Length..].Trim(), 8);
    }
}
