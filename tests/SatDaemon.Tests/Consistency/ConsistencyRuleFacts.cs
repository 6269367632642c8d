using SatDaemon.Database.Consistency;
using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Consistency;

/// <summary>The pure rule: evidence → disk progress → decision. P present, M missing, N no outputs configured.</summary>
public sealed class ConsistencyRuleFacts
{
    private static IReadOnlyList<StageEvidence> E(string s) =>
        s.Select(c => c switch { 'P' => StageEvidence.Present, 'M' => StageEvidence.Missing, _ => StageEvidence.NotConfigured }).ToList();

    [Theory]
    [InlineData("MMMM", 0, 0, "")]
    [InlineData("PPMM", 2, 2, "")]
    [InlineData("PPPP", 4, 4, "")]
    [InlineData("PMPM", 1, 1, "3")]   // stage 3 present beyond missing stage 2: a gap, progress stops at 1
    [InlineData("PMPP", 1, 1, "3,4")]
    [InlineData("PNPM", 3, 3, "")]    // a stage without outputs neither proves nor breaks progress
    [InlineData("PNMM", 1, 2, "")]    // …but cannot prove itself done: done 1, prefix 2
    public void Progress_stops_at_the_first_missing_stage(string evidence, int done, int prefix, string beyond)
    {
        var p = DiskProgress.From(E(evidence));
        Assert.Equal(done, p.Done);
        Assert.Equal(prefix, p.Prefix);
        Assert.Equal(beyond, string.Join(",", p.BeyondGap));
    }

    [Theory]
    // database (stage, status) vs disk: claimed-done = stage − 1, or 4 when complete
    [InlineData(1, ProcStatus.Waiting, "PPMM", ConsistencyAction.Advance, 3, ProcStatus.Waiting)]   // claims 0, disk 2 → stage 3 due
    [InlineData(1, ProcStatus.Waiting, "PPPP", ConsistencyAction.Advance, 4, ProcStatus.Complete)]  // all done → complete at the last stage
    [InlineData(4, ProcStatus.Waiting, "PMPM", ConsistencyAction.SetBack, 2, ProcStatus.Waiting)]   // claims 3, stage 2 missing → back to 2
    [InlineData(4, ProcStatus.Complete, "PPPM", ConsistencyAction.SetBack, 4, ProcStatus.Waiting)]  // complete but last output missing
    [InlineData(3, ProcStatus.Waiting, "PPMM", ConsistencyAction.InLine, 0, 0)]
    [InlineData(2, ProcStatus.Failed, "PPMM", ConsistencyAction.Advance, 3, ProcStatus.Waiting)]    // failed compares like waiting at stage 2
    [InlineData(3, ProcStatus.Failed, "PPMM", ConsistencyAction.InLine, 0, 0)]                      // …and stays failed when in line
    [InlineData(2, ProcStatus.Waiting, "PMPM", ConsistencyAction.InLine, 0, 0)]                     // gap: never advanced past stage 1
    [InlineData(3, ProcStatus.Waiting, "PNMM", ConsistencyAction.InLine, 0, 0)]                     // a stage without outputs is trusted, not set back
    public void Decide_compares_what_the_database_claims_with_the_disk(int stage, int status, string evidence, ConsistencyAction action, int newStage, int newStatus)
    {
        var d = ConsistencyDecision.Decide(new RowState(stage, status), 4, DiskProgress.From(E(evidence)), running: false, frameFolderExists: true);
        Assert.Equal(action, d.Action);
        if (action is ConsistencyAction.Advance or ConsistencyAction.SetBack) Assert.Equal(new RowState(newStage, newStatus), d.Target);
        else Assert.Null(d.Target);
    }

    [Fact]
    public void A_running_row_is_left_alone_whatever_the_disk_says()
    {
        var d = ConsistencyDecision.Decide(new RowState(3, ProcStatus.Running), 4, DiskProgress.From(E("MMMM")), running: true, frameFolderExists: true);
        Assert.Equal(ConsistencyAction.Running, d.Action);
    }

    [Fact]
    public void Without_the_frame_folder_a_set_back_is_refused_but_an_advance_is_not_possible_anyway()
    {
        var d = ConsistencyDecision.Decide(new RowState(3, ProcStatus.Waiting), 4, DiskProgress.From(E("MMMM")), running: false, frameFolderExists: false);
        Assert.Equal(ConsistencyAction.SetBackRefused, d.Action);
    }
}
