namespace SatDaemon.JobProtocol;

/// <summary>
/// The installation identity in daemon_tools.instance_id. Job ids start at 1 in every database, so a job on a shared
/// machine is this installation's only when its job exec line carries this identity as well as the job id.
/// Stored and read by SatDaemon.Database/Jobs/InstanceIdentityStore.
/// </summary>
public static class InstanceIdentity
{
    /// <summary>16 hex digits: short enough to read in `ps`, wide enough never to collide between installations.</summary>
    public static string New() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>Plain words only, because it travels unquoted through `ps` output.</summary>
    public static bool IsValid(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);
}
