using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Database;

/// <summary>
/// frame_row_counts, kept by the database's triggers, always equals the rows counted one by one: after inserts of
/// many rows in one statement, the one writer's transitions, an operator's bulk update, a row removed and a frame
/// deleted with its rows (cascade). The expected counts are the test's own GROUP BY over the rows it wrote.
/// </summary>
public sealed class FrameRowCountsFacts(ITestOutputHelper output)
{
    private static readonly DateOnly D0 = new(2024, 1, 1);
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Counts_follow_every_insert_transition_and_delete(TestProvider provider)
    {
        await using var tdb = await TestDatabases.CreateAsync(provider);
        await using (var db = tdb.Factory.Create())
        {
            foreach (var id in new[] { "132A_COUNT_ONE", "133D_COUNT_TWO" })
            {
                db.Frames.Add(new Frame { Id = id, Track = int.Parse(id[..3]), OrbitDirection = id[3..4], ProcLevel = ProcLevel.Full, MasterDate = D0, LastUpdated = Now });
                db.Master.Add(new MasterRow { FrameId = id, Date = D0, ProcStage = 3, ProcStatus = ProcStatus.Complete, CreatedAt = Now, UpdatedAt = Now });
                for (var d = 1; d <= 20; d++)
                    db.Ifg.Add(new IfgRow { FrameId = id, Date = D0.AddDays(12 * d), ProcStage = 1, ProcStatus = ProcStatus.Waiting, CreatedAt = Now, UpdatedAt = Now });
                for (var d = 1; d < 20; d++)
                    db.RsarIfg.Add(new RsarIfgRow { FrameId = id, Date1 = D0.AddDays(12 * d), Date2 = D0.AddDays(12 * d + 12), ProcStage = 1, ProcStatus = ProcStatus.Waiting, CreatedAt = Now, UpdatedAt = Now });
            }
            await db.SaveChangesAsync();
        }
        await AssertCountsEqualRowsAsync(tdb.Factory, "after inserting");

        await using (var db = tdb.Factory.Create())
        {
            var ifg = await db.Ifg.Where(r => r.FrameId == "132A_COUNT_ONE").OrderBy(r => r.Date).Take(4).ToListAsync();
            var rows = new ProcRowTransitions(db, Now);
            await rows.StartAsync(new ProcTarget(TargetTables.Ifg, ifg[0].Id, ifg[0].FrameId), 1, default);
            await rows.StartAsync(new ProcTarget(TargetTables.Ifg, ifg[1].Id, ifg[1].FrameId), 1, default);
            await rows.FailAsync(new ProcTarget(TargetTables.Ifg, ifg[1].Id, ifg[1].FrameId), 1, retry: false, default);
            await rows.StartAsync(new ProcTarget(TargetTables.Ifg, ifg[2].Id, ifg[2].FrameId), 1, default);
            await rows.CompleteStageAsync(new ProcTarget(TargetTables.Ifg, ifg[2].Id, ifg[2].FrameId), 1, lastStage: 1, default);
            await rows.HoldWaitingAsync(new ProcTarget(TargetTables.Ifg, ifg[3].Id, ifg[3].FrameId), 1, default);
            // A status write that changes nothing (running → failed refused: the row waits) must not move a count.
            await rows.FailAsync(new ProcTarget(TargetTables.Ifg, ifg[3].Id, ifg[3].FrameId), 1, retry: false, default);
        }
        await AssertCountsEqualRowsAsync(tdb.Factory, "after transitions");

        await using (var db = tdb.Factory.Create())
        {
            // One statement over many rows (a bulk fix by hand, or check-db-consistency in a future form) counts as many.
            await db.RsarIfg.Where(r => r.FrameId == "132A_COUNT_ONE" && r.Date1 < D0.AddDays(120))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ProcStage, 2));
            await db.RsarIfg.Where(r => r.FrameId == "132A_COUNT_ONE" && r.Date1 < D0.AddDays(60))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ProcStatus, ProcStatus.Complete));
            db.Ifg.Remove(await db.Ifg.FirstAsync(r => r.FrameId == "133D_COUNT_TWO"));
            await db.SaveChangesAsync();
        }
        await AssertCountsEqualRowsAsync(tdb.Factory, "after bulk updates and a removed row");

        await using (var db = tdb.Factory.Create())
            await db.Frames.Where(f => f.Id == "133D_COUNT_TWO").ExecuteDeleteAsync();
        var left = await AssertCountsEqualRowsAsync(tdb.Factory, "after deleting a frame");
        Assert.False(left.ContainsKey("133D_COUNT_TWO"), "a deleted frame has no counts left");
    }

    private async Task<Dictionary<string, Dictionary<int, int>>> AssertCountsEqualRowsAsync(SatDbFactory factory, string when)
    {
        await using var db = factory.Create();
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (frame, status) in (await db.Master.Select(r => new { r.FrameId, r.ProcStatus }).ToListAsync()).Select(r => (r.FrameId, r.ProcStatus))
                     .Concat((await db.Ifg.Select(r => new { r.FrameId, r.ProcStatus }).ToListAsync()).Select(r => (r.FrameId, r.ProcStatus)))
                     .Concat((await db.RsarIfg.Select(r => new { r.FrameId, r.ProcStatus }).ToListAsync()).Select(r => (r.FrameId, r.ProcStatus))))
            expected[$"{frame} {ProcStatus.Name(status)}"] = expected.GetValueOrDefault($"{frame} {ProcStatus.Name(status)}") + 1;
        var read = await FrameRowCounts.ReadAsync(db, null, default);
        var actual = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (frame, byStatus) in read)
            foreach (var (status, n) in byStatus)
                actual[$"{frame} {ProcStatus.Name(status)}"] = n;
        output.WriteLine($"{when}: rows {string.Join(", ", expected.Select(e => $"{e.Key} {e.Value}"))}");
        output.WriteLine($"{when}: table {string.Join(", ", actual.Select(e => $"{e.Key} {e.Value}"))}");
        Assert.Equal(expected, actual);
        return read;
    }
}
