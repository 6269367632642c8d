using SatDaemon.Configuration;
using SatDaemon.Control.Usage;
using SatDaemon.Database.Jobs;

namespace SatDaemon.Tests.Jobs;

/// <summary>The usage report's rules: nearest-rank percentiles, verdicts against the budget, rounded suggestions.</summary>
public sealed class UsageReportFacts
{
    [Theory]
    // Nearest rank: the p-th percentile of n sorted values is the ⌈p·n⌉-th.
    [InlineData(new double[] { 5 }, 5, 5, 5)]                             // n 1: everything is the one value
    [InlineData(new double[] { 4, 1, 3, 2 }, 2, 4, 4)]                    // n 4: median ⌈2⌉ = 2nd = 2; p95 ⌈3.8⌉ = 4th = 4
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 10, 19, 20)] // n 20: 10th; ⌈19⌉ = 19th
    public void Spread_uses_nearest_rank(double[] values, double median, double p95, double max) =>
        Assert.Equal(new Spread(median, p95, max), Spread.Of(values));

    [Theory]
    // p95 × 1.2, memory up in 0.5 GB steps to 8 GB, whole GB above; cores up to whole; floors 0.5 GB and 1 core.
    [InlineData(0.95, 1.855, 20, 2, 2.5)]   // 1.14 → 2; 2.226 → 2.5
    [InlineData(0.1, 0.1, 20, 1, 0.5)]      // 0.12 → 1; 0.12 → 0.5
    [InlineData(3.3, 7.0, 20, 4, 9)]        // 3.96 → 4; 8.4 is above 8 GB, so whole GB → 9
    [InlineData(4, 20, 0, 4, 20)]           // margin 0: exact values stay
    public void Suggestion_is_p95_plus_margin_rounded_up(double cores, double memoryGb, int margin, int cpus, double memory) =>
        Assert.Equal(new BudgetSuggestion(cpus, memory), BudgetSuggestion.From(cores, memoryGb, margin));

    [Fact]
    public void A_p95_under_half_of_the_budget_is_wasted_capacity_and_within_fits()
    {
        var types = new Dictionary<string, JobTypeOptions>
        {
            ["slc"] = new() { Name = "slc", Cpus = 4, Memory = 16, Disk = 30, Command = "x" },
            ["coreg"] = new() { Name = "coreg", Cpus = 2, Memory = 4, Disk = 10, Command = "x" },
        };
        // slc: 2.5 GB of 16 (15.6 %) and 1.5 of 4 cores (37.5 %): both wasted. coreg: 3 GB of 4, 1.8 of 2 cores: fits.
        var runs = Enumerable.Range(1, 6).SelectMany(i => new[] { Run("slc", 2560, 1.5), Run("coreg", 3072, 1.8) }).ToList();

        var rows = UsageReport.Build(runs, types, byFrame: false);

        var coreg = rows.Single(r => r.JobType == "coreg");
        var slc = rows.Single(r => r.JobType == "slc");
        Assert.Empty(coreg.Flags);
        Assert.Empty(coreg.IniLines);
        Assert.Equal(["memory wasted: p95 2.5 GB is 16 % of 16 GB", "cores wasted: p95 1.5 is 38 % of 4"], slc.Flags);
        // 2.5 × 1.2 = 3 GB; 1.5 × 1.2 = 1.8 → 2 cores.
        Assert.Equal(["[JOB:slc]", "memory = 3", "cpus = 2"], slc.IniLines);
    }

    private static UsageRun Run(string type, double peakMb, double cores) =>
        new(1, type, "132A_TEST_FRAME", "m1", DateTime.UnixEpoch, true, 100, cores * 100, cores, peakMb, 0, 0, 1, 1, 1);
}
