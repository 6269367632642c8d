using SatDaemon.Database.Model;
using SatDaemon.Database.Trends;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Database;

/// <summary>
/// job_event_hours, added to by the database's trigger, holds per UTC hour, kind and job type as many launched,
/// finished and failed events as the test inserted, whether one at a time or many in one statement; progress and other
/// kinds are not counted. The expected counts are the test's own.
/// </summary>
public sealed class JobEventHoursFacts(ITestOutputHelper output)
{
    private static readonly DateTime H0 = new(2026, 12, 7, 13, 0, 0, DateTimeKind.Utc);

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Hours_count_each_inserted_event_of_the_three_kinds(TestProvider provider)
    {
        await using var tdb = await TestDatabases.CreateAsync(provider);
        var inserted = new List<JobEvent>
        {
            Event(JobEventKinds.Launched, "slc", H0.AddMinutes(1)),
            Event(JobEventKinds.Launched, "slc", H0.AddMinutes(59).AddSeconds(59)),
            Event(JobEventKinds.Launched, "coreg", H0.AddMinutes(30)),
            Event(JobEventKinds.Finished, "slc", H0.AddHours(1)),
            Event(JobEventKinds.Failed, null, H0.AddHours(1).AddMinutes(5)),
            Event(JobEventKinds.Progress, null, H0.AddMinutes(10)),
            Event(JobEventKinds.Warning, null, H0.AddMinutes(11)),
        };
        await using (var db = tdb.Factory.Create())
        {
            db.JobEvents.Add(inserted[0]);
            await db.SaveChangesAsync();
            db.JobEvents.AddRange(inserted.Skip(1));
            await db.SaveChangesAsync();
        }

        await using var read = tdb.Factory.Create();
        var counts = (await JobEventHours.SinceAsync(read, H0, default))
            .Select(c => $"{c.Hour:yyyy-MM-dd HH:mm}Z {c.Kind} {c.JobType} {c.Events}").Order(StringComparer.Ordinal).ToList();
        foreach (var c in counts) output.WriteLine(c);
        Assert.Equal(
        [
            "2026-12-07 13:00Z launched coreg 1",
            "2026-12-07 13:00Z launched slc 2",
            "2026-12-07 14:00Z failed ? 1",
            "2026-12-07 14:00Z finished slc 1",
        ], counts);
        Assert.Equal(["2026-12-07 14:00Z"], (await JobEventHours.SinceAsync(read, H0.AddHours(1), default)).Select(c => $"{c.Hour:yyyy-MM-dd HH:mm}Z").Distinct());
    }

    private static JobEvent Event(string kind, string? jobType, DateTime at) =>
        new() { JobId = 1, Kind = kind, JobType = jobType, FrameId = null, Message = kind, Time = at };
}
