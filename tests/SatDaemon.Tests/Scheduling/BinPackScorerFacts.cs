using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

public class BinPackScorerFacts
{
    [Theory]
    // cpu 6/8=75, mem 8/16=50, disk 50/100=50 → (75+50+50)/3 = 58.33
    [InlineData(8, 16, 100, 6, 8, 50, 58.33)]
    // cpu 8/8=100, mem 16/16=100, disk 100/100=100 → 100
    [InlineData(8, 16, 100, 8, 16, 100, 100)]
    // nothing used → 0
    [InlineData(8, 16, 100, 0, 0, 0, 0)]
    // cpu 1/32=3.125, mem 4/256=1.5625, disk 10/100=10 → 14.6875/3 = 4.90
    [InlineData(32, 256, 100, 1, 4, 10, 4.90)]
    // cpu 2/4=50, mem 3/12=25, disk capacity 0 → not budgeted, 0 → 75/3 = 25
    [InlineData(4, 12, 0, 2, 3, 0, 25)]
    // over-committed cpu 12/8 clamps to 100, mem 8/16=50, disk 0/100=0 → 150/3 = 50
    [InlineData(8, 16, 100, 12, 8, 0, 50)]
    public void Score_is_mean_fill_after_placement_in_percent(
        int cpus, double memoryGb, int disk, int usedCpus, double usedMemoryGb, int usedDisk, double expected)
    {
        double score = BinPackScorer.Score(new Resources(cpus, memoryGb, disk), new Resources(usedCpus, usedMemoryGb, usedDisk));

        Assert.Equal(expected, score, precision: 2);
    }

    [Theory]
    [InlineData(60, "proc02", 50, "proc01", true)]   // higher score wins whatever the name
    [InlineData(50, "proc01", 60, "proc02", false)]
    [InlineData(50, "proc01", 50, "proc02", true)]   // tie: smaller name wins
    [InlineData(50, "proc02", 50, "proc01", false)]
    public void Higher_score_wins_and_ties_go_to_the_smaller_name(
        double score, string name, double bestScore, string bestName, bool better)
    {
        Assert.Equal(better, BinPackScorer.IsBetter(score, name, bestScore, bestName));
    }

    [Fact]
    public void Anything_beats_no_machine_yet()
    {
        Assert.True(BinPackScorer.IsBetter(0, "proc09", 0, null));
    }
}
