using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The installation identity in daemon_tools.instance_id. Job ids start at 1 in every database, so a job on a shared
/// machine is this installation's only when its job exec line carries this identity as well as the job id.
/// </summary>
public static class InstanceIdentity
{
    /// <summary>16 hex digits: short enough to read in `ps`, wide enough never to collide between installations.</summary>
    public static string New() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>Plain words only, because it travels unquoted through `ps` output.</summary>
    public static bool IsValid(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>The identity, made on first use (a database initialised before identities existed, or a row made by ctl).</summary>
    public static async Task<string> GetOrCreateAsync(SatDbFactory factory, CancellationToken ct)
    {
        await using var db = factory.Create();
        var fresh = New();
        // Guarded on "still empty", so two starters agree on whichever identity was written first.
        await db.DaemonTools.Where(d => d.Id == 1 && d.InstanceId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.InstanceId, fresh), ct);
        return await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1).Select(d => d.InstanceId).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("daemon_tools has no row: run satdaemon-tools init-database");
    }
}
