namespace SatDaemon.JobProtocol;

/// <summary>
/// The mode of a job's log and outcome spool file: owner rw, group r, others nothing (0640). A log holds whatever the
/// processing software prints (paths, hosts, now and then a credential in a URL); the processing group may read it,
/// other users of a shared machine may not. Given at creation, so the file is never readable by others even for a moment.
/// </summary>
public static class JobFileMode
{
    public const UnixFileMode OwnerWriteGroupRead = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    /// <summary>
    /// The same for a shell: a symbolic umask that takes group write and everything of others from a new file. Symbolic,
    /// so it only tightens: a stricter umask of the login stays.
    /// </summary>
    public const string ShellUmask = "g-w,o-rwx";

    /// <summary>Options that open or create a file; a file they create gets <see cref="OwnerWriteGroupRead"/> (less what the umask takes).</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        // Windows has no Unix modes (and refuses the property); the daemon and its jobs run on Linux.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerWriteGroupRead;
        return options;
    }
}
