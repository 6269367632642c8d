using Microsoft.EntityFrameworkCore;
using SatDaemon.JobProtocol;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The stored half of <see cref="InstanceIdentity"/>: daemon_tools.instance_id, bound to the database it was made in
/// (daemon_tools.instance_binding, <see cref="DatabaseBinding"/>). The one writer of both columns.
/// </summary>
public static class InstanceIdentityStore
{
    /// <summary>
    /// The identity, made and bound on first use (a database initialised before identities or bindings existed, or a
    /// row made by ctl).
    /// </summary>
    /// <exception cref="InstallationCopyException">The identity was made in another database: this one is a copy.</exception>
    public static async Task<string> GetOrCreateAsync(SatDbFactory factory, CancellationToken ct)
    {
        var here = await DatabaseBinding.OfAsync(factory, ct);
        await using var db = factory.Create();
        var fresh = InstanceIdentity.New();
        // Guarded on "still empty", so two starters agree on whichever identity and binding were written first.
        await db.DaemonTools.Where(d => d.Id == 1 && d.InstanceId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.InstanceId, fresh).SetProperty(d => d.InstanceBinding, here), ct);
        await db.DaemonTools.Where(d => d.Id == 1 && d.InstanceBinding == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.InstanceBinding, here), ct);
        var row = await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1).Select(d => new { d.InstanceId, d.InstanceBinding }).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("daemon_tools has no row: run satdaemon-tools init-database");
        if (row.InstanceBinding != here) throw new InstallationCopyException(factory.Url.DisplayName, row.InstanceId!, row.InstanceBinding!, here);
        return row.InstanceId!;
    }

    /// <summary>
    /// Makes this database its own installation: a new identity bound here. The running rows copied with it keep the
    /// identity they were launched under, so this installation never finds, adopts or stops their processes.
    /// Returns (old identity, new identity).
    /// </summary>
    public static async Task<(string? Old, string New)> NewIdentityAsync(SatDbFactory factory, CancellationToken ct)
    {
        var here = await DatabaseBinding.OfAsync(factory, ct);
        await using var db = factory.Create();
        var old = await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1).Select(d => d.InstanceId).FirstOrDefaultAsync(ct);
        var fresh = InstanceIdentity.New();
        await db.DaemonTools.Where(d => d.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.InstanceId, fresh).SetProperty(d => d.InstanceBinding, here), ct);
        return (old, fresh);
    }

    /// <summary>
    /// Says that this database is still the original (moved, upgraded or restored in place of it): the identity is kept
    /// and bound here, and the daemon adopts the running jobs again. Returns the identity kept.
    /// </summary>
    public static async Task<string?> AdoptIdentityAsync(SatDbFactory factory, CancellationToken ct)
    {
        var here = await DatabaseBinding.OfAsync(factory, ct);
        await using var db = factory.Create();
        await db.DaemonTools.Where(d => d.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.InstanceBinding, here), ct);
        return await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1).Select(d => d.InstanceId).FirstOrDefaultAsync(ct);
    }
}

/// <summary>The database holds another database's installation identity: it is a copy (or was moved).</summary>
public sealed class InstallationCopyException(string database, string identity, string madeIn, string here)
    : InvalidOperationException(
        $"{database} is a copy of another installation's database: its identity {identity} was made in {madeIn}, this is {here}; " +
        "a daemon here would adopt and stop the original's jobs. Give the copy its own identity with `satdaemon-tools init-database --new-identity` " +
        "(or, if this is the original moved or restored, keep it with `--adopt-identity`)")
{
    public string Identity { get; } = identity;
}
