using Microsoft.EntityFrameworkCore;
using SatDaemon.JobProtocol;

namespace SatDaemon.Database.Jobs;

/// <summary>The stored half of <see cref="InstanceIdentity"/>: daemon_tools.instance_id.</summary>
public static class InstanceIdentityStore
{
    /// <summary>The identity, made on first use (a database initialised before identities existed, or a row made by ctl).</summary>
    public static async Task<string> GetOrCreateAsync(SatDbFactory factory, CancellationToken ct)
    {
        await using var db = factory.Create();
        var fresh = InstanceIdentity.New();
        // Guarded on "still empty", so two starters agree on whichever identity was written first.
        await db.DaemonTools.Where(d => d.Id == 1 && d.InstanceId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.InstanceId, fresh), ct);
        return await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1).Select(d => d.InstanceId).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("daemon_tools has no row: run satdaemon-tools init-database");
    }
}
