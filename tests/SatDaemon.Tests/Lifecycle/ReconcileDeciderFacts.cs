using SatDaemon.Lifecycle.Reconcile;
using Xunit.Abstractions;
using static SatDaemon.Tests.Lifecycle.ReconcileCases;

namespace SatDaemon.Tests.Lifecycle;

/// <summary>
/// The reconcile decider against the documented rules, cell by cell: every row state × every reading (the cross product
/// of <see cref="ReconcileCases"/>), each cell's expected decision from <see cref="ReconcileRules"/>. Pure: no database,
/// no machine, milliseconds.
/// </summary>
public sealed class ReconcileDeciderFacts(ITestOutputHelper output)
{
    private static readonly HashSet<ReconcileAction> Signals =
        [ReconcileAction.StopForTimeout, ReconcileAction.StopForCancel, ReconcileAction.StopOrphans, ReconcileAction.EscalateToKill, ReconcileAction.ReportUnkillable];

    private static readonly HashSet<ReconcileAction> Endings =
        [ReconcileAction.AlreadyEnded, ReconcileAction.SettleFromSpool, ReconcileAction.QueueAgain, ReconcileAction.RecordNeverStarted, ReconcileAction.RecordLost];

    [Fact]
    public void Every_row_state_meets_every_reading_with_the_documented_decision()
    {
        var wrong = new List<string>();
        var cells = 0;
        var byAction = new SortedDictionary<string, int>();
        foreach (var row in Rows)
        foreach (var reading in Readings)
        {
            cells++;
            var expected = ReconcileRules.For(row, reading.Says);
            var got = ReconcileDecider.Decide(row.Row, reading.Says, Now, row.Book, Policy);
            byAction[got.Action.ToString()] = byAction.GetValueOrDefault(got.Action.ToString()) + 1;
            output.WriteLine($"{row.Name} × {reading.Name} → {got.Action}{(got.Adopt ? " +adopt" : "")}: {got.Reason}");

            var problems = new List<string>();
            if (got.Action != expected.Action) problems.Add($"action {got.Action}, expected {expected.Action}");
            if (expected.Reason is not null && got.Reason != expected.Reason) problems.Add($"reason \"{got.Reason}\", expected \"{expected.Reason}\"");
            // Adoption is recorded only for a job seen alive; a gone job is never adopted.
            if (got.Adopt != expected.Adopt) problems.Add($"adopt {got.Adopt}, expected {expected.Adopt}");
            // "A job is its session": signals go to the session `ps` found it in (job exec's pid, or the leaderless session).
            if (Signals.Contains(expected.Action) && got.Session != reading.Says.Ps?.Session)
                problems.Add($"signals session {got.Session}, expected {reading.Says.Ps?.Session}");
            // A job counts as ended this pass exactly when its end is recorded (by anyone) or it is queued again.
            if (got.Ends != Endings.Contains(expected.Action)) problems.Add($"ends {got.Ends}");
            if (problems.Count > 0) wrong.Add($"{row.Name} × {reading.Name}: {string.Join("; ", problems)}");
        }

        output.WriteLine($"{cells} cells ({Rows.Count} row states × {Readings.Count} readings); by action: "
            + string.Join(", ", byAction.Select(kv => $"{kv.Key} {kv.Value}")));
        output.WriteLine($"{wrong.Count} cells differ from the rules");
        foreach (var w in wrong) output.WriteLine("  " + w);
        Assert.Equal(Rows.Count * Readings.Count, cells);
        Assert.Empty(wrong);
        // Every action the decider has is met somewhere in the table.
        Assert.Equal(Enum.GetValues<ReconcileAction>().Length, byAction.Count);
    }

    [Fact]
    public void A_job_exec_found_at_another_pid_gets_that_pid_recorded()
    {
        var row = Rows.Single(r => r.Name == "running, launched by this daemon");
        var same = ReconcileDecider.Decide(row.Row, MachineSays.FromPs(ProcessReading.Alive(RecordedPid, 1)), Now, row.Book, Policy);
        var moved = ReconcileDecider.Decide(row.Row, MachineSays.FromPs(ProcessReading.Alive(5151, 1)), Now, row.Book, Policy);
        output.WriteLine($"same pid → new pid {same.NewPid}; pid 5151 → new pid {moved.NewPid}");
        Assert.Null(same.NewPid);
        Assert.Equal(5151, moved.NewPid);
        Assert.True(moved.Alive);
    }

    [Fact]
    public void A_Slurm_job_seen_under_another_id_gets_that_id_recorded()
    {
        var row = Rows.Single(r => r.Name == "running, launched by this daemon");
        var d = ReconcileDecider.Decide(row.Row, MachineSays.FromSqueue(new(901, "RUNNING", true, false, null)), Now, row.Book, Policy);
        output.WriteLine($"squeue 901 → {d.Action}, new Slurm job id {d.NewSlurmJobId}");
        Assert.Equal(ReconcileAction.Keep, d.Action);
        Assert.Equal(901, d.NewSlurmJobId);
    }

    [Fact]
    public void The_third_launch_in_a_row_that_never_started_is_a_failure_the_first_two_are_queued_again()
    {
        var claim = Rows.Single(r => r.Name == "claimed 2 min ago, no report").Row;
        var says = MachineSays.FromPs(ProcessReading.Nothing, new GoneJobReading(RowRecheck.StillRunning, SpoolSeen.Absent, LogSeen.Absent, true));
        var actions = Enumerable.Range(0, 3)
            .Select(before => ReconcileDecider.Decide(claim, says, Now, ReconcileBook.Empty with { NotStartedRuns = before }, Policy))
            .ToList();
        foreach (var a in actions) output.WriteLine($"{a.Action} (launch {a.NotStartedRuns} in a row): {a.Reason}");
        Assert.Equal([ReconcileAction.QueueAgain, ReconcileAction.QueueAgain, ReconcileAction.RecordNeverStarted], actions.Select(a => a.Action));
        Assert.Equal([1, 2, 3], actions.Select(a => a.NotStartedRuns));
    }

    /// <summary>
    /// The reconcile's one command per machine usually sends a gone job's files; when it did not (a cut-off answer, a
    /// Slurm machine) each is read on its own. Walking the decider's requests from nothing read must end at the same
    /// decision as the fully read case, reading nothing its case does not need.
    /// </summary>
    [Fact]
    public void Settling_asks_for_exactly_the_readings_its_case_needs()
    {
        var worlds = new List<(string Name, MachineSays Says)>();
        foreach (var ended in new[] { false, true })
        foreach (var spool in new[] { SpoolSeen.Absent, SpoolSeen.Unreadable, SpoolSeen.AnotherJob, SpoolSeen.ThisJob })
        foreach (var log in new[] { LogSeen.Absent, LogSeen.Present })
        {
            var truth = new GoneJobReading(ended ? RowRecheck.Ended : RowRecheck.StillRunning, spool, log, true);
            var name = $"row {(ended ? "ended" : "there")}, spool {spool}, log {log}";
            worlds.Add(($"ps nothing, {name}", MachineSays.FromPs(ProcessReading.Nothing, truth)));
            worlds.Add(($"squeue TIMEOUT, {name}", MachineSays.FromSqueue(SlurmTimeout, truth)));
        }
        var wrong = new List<string>();
        var walks = 0;
        foreach (var row in Rows)
        foreach (var (name, world) in worlds)
        {
            walks++;
            var final = ReconcileDecider.Decide(row.Row, world, Now, row.Book, Policy);
            var (walked, reads) = Walk(row, world);
            var needed = Needed(row.Row, final.Action);
            output.WriteLine($"{row.Name} × {name} → {walked.Action} after [{string.Join(", ", reads)}]");
            if (walked.Action != final.Action || walked.Reason != final.Reason) wrong.Add($"{row.Name} × {name}: walked to {walked.Action}, read whole {final.Action}");
            else if (!reads.SequenceEqual(needed)) wrong.Add($"{row.Name} × {name}: read [{string.Join(", ", reads)}], needs [{string.Join(", ", needed)}]");
        }
        output.WriteLine($"{walks} walks, {wrong.Count} wrong");
        foreach (var w in wrong) output.WriteLine("  " + w);
        Assert.Empty(wrong);
    }

    private static (ReconcileDecision Decision, List<ReconcileAction> Reads) Walk(RowCase row, MachineSays world)
    {
        var reads = new List<ReconcileAction>();
        var seen = GoneJobReading.NothingRead;
        while (true)
        {
            var d = ReconcileDecider.Decide(row.Row, world with { Gone = seen }, Now, row.Book, Policy);
            if (!d.NeedsReading || reads.Count > 8) return (d, reads);
            reads.Add(d.Action);
            seen = d.Action switch
            {
                ReconcileAction.RecheckRow => seen with { Row = world.Gone.Row },
                ReconcileAction.ReadSpool => seen with { Spool = world.Gone.Spool },
                ReconcileAction.ReadLog => seen with { Log = world.Gone.Log },
                _ => seen with { TailRead = true },
            };
        }
    }

    /// <summary>
    /// What each outcome must have read: the row again always (the JobLogger may have won); the spool when there is a
    /// log path; whether the log exists only to say why a claim never started; its tail only for a failure recorded.
    /// </summary>
    private static List<ReconcileAction> Needed(RunningJobState row, ReconcileAction outcome)
    {
        var hasLog = row.LogPath is not null;
        var reads = new List<ReconcileAction> { ReconcileAction.RecheckRow };
        if (outcome == ReconcileAction.AlreadyEnded) return reads;
        if (hasLog) reads.Add(ReconcileAction.ReadSpool);
        if (hasLog && outcome is ReconcileAction.QueueAgain or ReconcileAction.RecordNeverStarted) reads.Add(ReconcileAction.ReadLog);
        if (hasLog && outcome is ReconcileAction.RecordNeverStarted or ReconcileAction.RecordLost) reads.Add(ReconcileAction.ReadLogTail);
        return reads;
    }
}
