using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Digest;
using SatDaemon.Database.Model;
using SatDaemon.Hosting;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Ingest;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Teams;

/// <summary>The daily digest (issue 19): one card per frame with that day's dates added, processed and failed, sent once.</summary>
public sealed class TeamsDigestFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 30);
    private readonly LoopbackTeamsReceiver _receiver = new();

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task One_card_per_frame_for_the_day_before_at_the_digest_hour_and_never_twice(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var at = (DateOnly d, int h) => d.ToDateTime(new TimeOnly(h, 0), DateTimeKind.Utc);
        await using (var ctx = db.Factory.Create())
        {
            foreach (var id in new[] { "064A_BUSY_FRAME", "064A_QUIET_FRAME" })
                ctx.Frames.Add(new Frame { Id = id, Track = 64, OrbitDirection = "A", ProcLevel = ProcLevel.Full, LastUpdated = at(Day, 0) });
            // BUSY, on the day: master and three ifg dates added, the master and one ifg complete, one coreg failure.
            ctx.Master.Add(new MasterRow { FrameId = "064A_BUSY_FRAME", Date = new(2022, 10, 16), ProcStatus = ProcStatus.Complete, CreatedAt = at(Day, 1), UpdatedAt = at(Day, 5) });
            ctx.Ifg.Add(new IfgRow { FrameId = "064A_BUSY_FRAME", Date = new(2022, 10, 28), ProcStatus = ProcStatus.Complete, CreatedAt = at(Day, 1), UpdatedAt = at(Day, 23) });
            ctx.Ifg.Add(new IfgRow { FrameId = "064A_BUSY_FRAME", Date = new(2022, 11, 9), ProcStatus = ProcStatus.Failed, CreatedAt = at(Day, 1), UpdatedAt = at(Day, 9) });
            ctx.Ifg.Add(new IfgRow { FrameId = "064A_BUSY_FRAME", Date = new(2022, 11, 21), CreatedAt = at(Day, 12), UpdatedAt = at(Day, 12) });
            ctx.FailedJobs.Add(new FailedJob
            {
                FrameId = "064A_BUSY_FRAME", JobType = "coreg", TargetTable = TargetTables.Ifg, Date = new(2022, 11, 9), Error = "exit 1", FailedAt = at(Day, 9),
            });
            // QUIET: its rows are from the day before and the day after: no card.
            ctx.Ifg.Add(new IfgRow { FrameId = "064A_QUIET_FRAME", Date = new(2022, 10, 28), ProcStatus = ProcStatus.Complete, CreatedAt = at(Day.AddDays(-1), 1), UpdatedAt = at(Day.AddDays(-1), 2) });
            ctx.Ifg.Add(new IfgRow { FrameId = "064A_QUIET_FRAME", Date = new(2022, 11, 9), CreatedAt = at(Day.AddDays(1), 1), UpdatedAt = at(Day.AddDays(1), 1) });
            await ctx.SaveChangesAsync();
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(at(Day.AddDays(1), 5).AddMinutes(59)));
        var teams = new TeamsNotifier(TeamsTestMessages.Options(_receiver.Url), NullLogger<TeamsNotifier>.Instance);
        await using (teams)
        {
            var first = Service(db, teams, clock);
            Assert.Equal(0, await first.SendIfDueAsync(default)); // 05:59, the digest hour is 06
            clock.Advance(TimeSpan.FromMinutes(1));
            var cards = await first.SendIfDueAsync(default);
            Assert.Equal(0, await first.SendIfDueAsync(default)); // the next check the same day
            // A restarted daemon (a new service, the same database) later that day.
            clock.Advance(TimeSpan.FromHours(3));
            Assert.Equal(0, await Service(db, teams, clock).SendIfDueAsync(default));
            await teams.FlushAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"cards {cards}, requests {_receiver.Requests.Count}");
            foreach (var r in _receiver.Requests) output.WriteLine(r.Body);
            Assert.Equal(1, cards);
        }

        // Counted at the receiver: one post, for the busy frame, with its figures.
        var post = Assert.Single(_receiver.Requests);
        Assert.Contains("064A_BUSY_FRAME", post.Body);
        Assert.DoesNotContain("064A_QUIET_FRAME", post.Body);
        Assert.Contains("4: 2022-10-16, 2022-10-28, 2022-11-09, 2022-11-21", post.Body); // added
        Assert.Contains("2: 2022-10-16, 2022-10-28", post.Body); // processed
        Assert.Contains("1: coreg 2022-11-09", post.Body); // failed
        await using var check = db.Factory.Create();
        Assert.Equal(Day, (await check.DaemonTools.AsNoTracking().SingleAsync()).DigestSentDay);
    }

    private static TeamsDigestService Service(IngestTestDb db, ITeamsNotifier teams, TimeProvider clock) =>
        new(new DailyDigest(db.Factory), teams, digestHour: 6, clock, NullLogger<TeamsDigestService>.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _receiver.DisposeAsync().AsTask();
}
