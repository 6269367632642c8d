using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Jobs;

/// <summary>A context's connection and current transaction, for the EF-free job records (SatDaemon.JobRecords).</summary>
public static class EfJobSql
{
    /// <summary>Opens the context's connection (it stays open until the context is disposed) and joins its transaction.</summary>
    public static async Task<JobSql> OfAsync(SatDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new JobSql(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction());
    }
}
