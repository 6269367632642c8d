using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Model;
using SatDaemon.Hosting;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>daemon_tools.last_joblist_at: written by the pass that rebuilds the job list, and only by such a pass.</summary>
public sealed class JobListStampFacts(ITestOutputHelper output)
{
    private const string FrameId = "064A_STAMP_TEST";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_pass_that_rebuilds_the_job_list_stamps_when_and_a_pass_that_does_not_leaves_the_stamp(TestProvider provider)
    {
        await using var bed = await DaemonTestBed.CreateAsync(provider);
        await bed.AddFrameAsync(FrameId, 3);
        var time = new FakeTimeProvider(Start);
        await using var teams = new TeamsNotifier(new TeamsOptions(), NullLogger<TeamsNotifier>.Instance, null, time);
        // No machines: the pass builds its list and places nothing, so no job runs and only the fake clock moves.
        var daemon = new ProcDaemon(bed.LoadConfig(), new DaemonStore(bed.Factory, time), [], teams,
            NullLogger<ProcDaemon>.Instance, time, new DaemonOptions { PollInterval = Poll });

        var before = await StampAsync(bed);
        await daemon.RunPassAsync(CancellationToken.None);
        var first = await StampAsync(bed);
        var pending = await bed.CountAsync<PendingJob>();

        // One poll later: no ctl request, no job ended, well inside ten polls, so no rebuild and no new stamp.
        time.Advance(Poll);
        await daemon.RunPassAsync(CancellationToken.None);
        var quiet = await StampAsync(bed);

        // Ten polls and one more since the first rebuild (330 s > 10 × 30 s): the routine rebuild, stamped with its time.
        time.Advance(Poll * 10);
        await daemon.RunPassAsync(CancellationToken.None);
        var routine = await StampAsync(bed);

        output.WriteLine($"before {before:O}, first pass {first:O} ({pending} pending), one poll later {quiet:O}, eleven polls later {routine:O}");
        Assert.Null(before);
        Assert.True(pending > 0, "the first pass built a job list");
        Assert.Equal(Start.UtcDateTime, first);
        Assert.Equal(Start.UtcDateTime, quiet);
        Assert.Equal(Start.UtcDateTime.AddSeconds(330), routine);
    }

    private static async Task<DateTime?> StampAsync(DaemonTestBed bed)
    {
        await using var db = bed.Factory.Create();
        var at = await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1).Select(d => d.LastJoblistAt).SingleAsync();
        // SQLite hands DateTime back unspecified; it was written as UTC.
        return at is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
    }
}
