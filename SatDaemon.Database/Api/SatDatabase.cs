using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Audit;

namespace SatDaemon.Database.Api;

/// <summary>
/// A unit-of-work scope for ctl's operations (SatDaemonController): everything one operation changes is saved and
/// committed together, under the provider's retrying execution strategy. (The seed's query/insert/update/delete by
/// condition went: nothing called them.)
/// </summary>
public sealed class SatDatabase(SatDbFactory factory)
{
    /// <summary>A unit of work: everything <paramref name="work"/> does is saved and committed together, or not at all.</summary>
    public async Task<TResult> ScopeAsync<TResult>(Func<SatDbContext, Task<TResult>> work, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        });
    }

    public Task ScopeAsync(Func<SatDbContext, Task> work, CancellationToken ct = default) =>
        ScopeAsync(async db => { await work(db); return 0; }, ct);

    /// <summary>An operator's change as one unit of work, through <see cref="ControlTransaction"/>'s named operations.</summary>
    public Task<TResult> ControlAsync<TResult>(Actor actor, TimeProvider time, Func<ControlTransaction, Task<TResult>> work, CancellationToken ct = default) =>
        ScopeAsync(db => work(new ControlTransaction(db, actor, time)), ct);
}
