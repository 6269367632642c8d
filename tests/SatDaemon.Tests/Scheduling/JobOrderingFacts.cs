using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

public class JobOrderingFacts
{
    private static readonly DateOnly May11 = new(2020, 5, 11);
    private static readonly DateOnly May17 = new(2020, 5, 17);

    [Fact]
    public void Higher_priority_comes_first_even_at_an_earlier_stage_and_newer_date()
    {
        var urgent = JobBuilder.With(id: 2, priority: 5, stageRank: 0, date: May17);
        var normal = JobBuilder.With(id: 1, priority: 1, stageRank: 3, date: May11);

        Assert.True(JobOrdering.Instance.Compare(urgent, normal) < 0);
    }

    [Fact]
    public void Later_stage_comes_first_within_a_priority()
    {
        var unwrap = JobBuilder.With(id: 2, stageRank: 3, date: May17);
        var download = JobBuilder.With(id: 1, stageRank: 0, date: May11);

        Assert.True(JobOrdering.Instance.Compare(unwrap, download) < 0);
    }

    [Fact]
    public void Older_date_comes_first_within_a_stage()
    {
        var older = JobBuilder.With(id: 2, date: May11, waited: TimeSpan.Zero);
        var newer = JobBuilder.With(id: 1, date: May17, waited: TimeSpan.FromHours(1));

        Assert.True(JobOrdering.Instance.Compare(older, newer) < 0);
    }

    [Fact]
    public void Longer_queued_comes_first_for_the_same_date()
    {
        var early = JobBuilder.With(id: 2, waited: TimeSpan.FromMinutes(10));
        var late = JobBuilder.With(id: 1, waited: TimeSpan.FromMinutes(1));

        Assert.True(JobOrdering.Instance.Compare(early, late) < 0);
    }

    [Fact]
    public void Pending_id_breaks_the_last_tie()
    {
        var first = JobBuilder.With(id: 1);
        var second = JobBuilder.With(id: 2);

        Assert.True(JobOrdering.Instance.Compare(first, second) < 0);
        Assert.True(JobOrdering.Instance.Compare(second, first) > 0);
        Assert.Equal(0, JobOrdering.Instance.Compare(first, JobBuilder.With(id: 1)));
    }

    [Fact]
    public void Sorting_any_permutation_gives_the_same_order()
    {
        var random = new Random(20240301);
        var jobs = Enumerable.Range(1, 200)
            .Select(i => JobBuilder.With(
                id: i,
                priority: random.Next(3),
                stageRank: random.Next(4),
                date: May11.AddDays(random.Next(3) * 6),
                waited: TimeSpan.FromMinutes(random.Next(3))))
            .ToList();

        var expected = jobs.Order(JobOrdering.Instance).Select(j => j.PendingId).ToList();
        for (int round = 0; round < 5; round++)
        {
            var shuffled = jobs.ToArray();
            random.Shuffle(shuffled);
            Array.Sort(shuffled, JobOrdering.Instance);
            Assert.Equal(expected, shuffled.Select(j => j.PendingId));
        }
    }
}
