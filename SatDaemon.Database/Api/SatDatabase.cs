using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Api;

/// <summary>
/// The seed's dbquery.Database in C#: query, insert, update and delete by condition, and a unit-of-work scope,
/// so that tools and tests need no hand-written SQL.
/// </summary>
public sealed class SatDatabase(SatDbFactory factory)
{
    public SatDbFactory Factory => factory;

    public async Task<List<T>> QueryAsync<T>(Expression<Func<T, bool>>? where = null, CancellationToken ct = default) where T : class
    {
        await using var db = factory.Create();
        IQueryable<T> q = db.Set<T>().AsNoTracking();
        if (where is not null) q = q.Where(where);
        return await q.ToListAsync(ct);
    }

    public async Task InsertAsync<T>(T row, CancellationToken ct = default) where T : class
    {
        await using var db = factory.Create();
        db.Set<T>().Add(row);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Applies <paramref name="change"/> to every row matching <paramref name="where"/> in one transaction; returns the count.</summary>
    public async Task<int> UpdateAsync<T>(Expression<Func<T, bool>> where, Action<T> change, CancellationToken ct = default) where T : class
    {
        return await ScopeAsync(async db =>
        {
            var rows = await db.Set<T>().Where(where).ToListAsync(ct);
            foreach (var r in rows) change(r);
            return rows.Count;
        }, ct);
    }

    public async Task<int> DeleteAsync<T>(Expression<Func<T, bool>> where, CancellationToken ct = default) where T : class
    {
        await using var db = factory.Create();
        return await db.Set<T>().Where(where).ExecuteDeleteAsync(ct);
    }

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
}
