using SatDaemon.Lifecycle.Reconcile;

namespace SatDaemon.Tests.Lifecycle;

/// <summary>
/// The two axes of the reconcile table: every state a running row can be in (with what the daemon remembers of it), and
/// every reading its machine can give (`ps`, `squeue`, and what settling a gone job has read so far).
/// </summary>
internal static class ReconcileCases
{
    public static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    // [PARAMETERS] kill_grace and the daemon's launch grace, both at their documented 30 s.
    public static readonly ReconcilePolicy Policy = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    public const int RecordedPid = 4242;
    public const long RecordedSlurmJob = 900;
    public const string Log = "/data/064A/logs/job7.log";

    public sealed record RowCase(string Name, RunningJobState Row, ReconcileBook Book);

    public sealed record ReadingCase(string Name, MachineSays Says);

    private static readonly RunningJobState Running = new(7, "proc01", RecordedPid, Log, Now.AddMinutes(-10), Reported: true,
        StopRequestedAt: null, StopReason: null, KillSentAt: null, CancelRequested: false, CancelRequestedBy: null,
        SlurmJobId: RecordedSlurmJob, Timeout: TimeSpan.FromHours(1));

    private static readonly ReconcileBook Launched = ReconcileBook.Empty with { LaunchedHere = true };

    public static IReadOnlyList<RowCase> Rows { get; } =
    [
        new("claimed 5 s ago, no report", Running with { Reported = false, ClaimedAt = Now.AddSeconds(-5) }, Launched),
        new("claimed 2 min ago, no report", Running with { Reported = false, ClaimedAt = Now.AddMinutes(-2) }, Launched),
        new("claimed 2 min ago, no report, 2 launches before never started",
            Running with { Reported = false, ClaimedAt = Now.AddMinutes(-2) }, Launched with { NotStartedRuns = 2 }),
        new("claimed 2 min ago, no report, no pid, no log path",
            Running with { Reported = false, ClaimedAt = Now.AddMinutes(-2), Pid = null, LogPath = null }, Launched),
        new("running, launched by this daemon", Running, Launched),
        new("running, seen alive by this daemon", Running, ReconcileBook.Empty with { SeenAlive = true }),
        new("running, unknown to this daemon (it restarted)", Running, ReconcileBook.Empty),
        new("running, no log path", Running with { LogPath = null }, Launched),
        new("running 10 min, timeout 5 min", Running with { Timeout = TimeSpan.FromMinutes(5) }, Launched),
        new("claimed 10 min ago, command started 6 min ago, timeout 5 min",
            Running with { Timeout = TimeSpan.FromMinutes(5), CommandStartedAt = Now.AddMinutes(-6) }, Launched),
        new("claimed 10 min ago, command started 2 min ago, timeout 5 min",
            Running with { Timeout = TimeSpan.FromMinutes(5), CommandStartedAt = Now.AddMinutes(-2) }, Launched),
        new("claimed 10 min ago, no report yet, timeout 5 min",
            Running with { Reported = false, Timeout = TimeSpan.FromMinutes(5) }, Launched),
        new("running, ctl cancel asked", Running with { CancelRequested = true, CancelRequestedBy = "alice" }, Launched),
        new("stopping, SIGTERM 10 s ago", Stopping(10), Launched),
        new("stopping, SIGTERM 2 min ago", Stopping(120), Launched),
        new("stopping, ctl cancel asked too, SIGTERM 10 s ago",
            Stopping(10) with { CancelRequested = true, CancelRequestedBy = "alice" }, Launched),
        new("stopping, SIGKILL 10 s ago", Stopping(180) with { KillSentAt = Now.AddSeconds(-10) }, Launched),
        new("stopping, SIGKILL 2 min ago", Stopping(180) with { KillSentAt = Now.AddMinutes(-2) }, Launched),
        new("stopping, SIGKILL 2 min ago, survivors already reported",
            Stopping(180) with { KillSentAt = Now.AddMinutes(-2) }, Launched with { UnkillableReported = true }),
        new("claimed 5 s ago, no report, power-down", Running with { Reported = false, ClaimedAt = Now.AddSeconds(-5) },
            Launched with { PowerDown = true }),
        new("claimed 2 min ago, no report, power-down", Running with { Reported = false, ClaimedAt = Now.AddMinutes(-2) },
            Launched with { PowerDown = true }),
        new("running, power-down", Running, Launched with { PowerDown = true }),
    ];

    private static RunningJobState Stopping(int secondsAgo) =>
        Running with { StopRequestedAt = Now.AddSeconds(-secondsAgo), StopReason = "timeout: ran longer than 00:05:00; stopped by the daemon" };

    /// <summary>What settling a gone job can have read: nothing yet, the row, the spool, the log, its tail.</summary>
    public static IReadOnlyList<(string Name, GoneJobReading Gone)> GoneReadings { get; } =
    [
        ("nothing read yet", GoneJobReading.NothingRead),
        ("row ended meanwhile", GoneJobReading.NothingRead with { Row = RowRecheck.Ended }),
        ("row still there, spool not read", GoneJobReading.NothingRead with { Row = RowRecheck.StillRunning }),
        ("spool: this job's outcome", Gone(SpoolSeen.ThisJob, LogSeen.Present, tail: true)),
        ("spool: another job's outcome, log", Gone(SpoolSeen.AnotherJob, LogSeen.Present, tail: true)),
        ("spool unreadable, log", Gone(SpoolSeen.Unreadable, LogSeen.Present, tail: true)),
        ("no spool, log", Gone(SpoolSeen.Absent, LogSeen.Present, tail: true)),
        ("no spool, no log", Gone(SpoolSeen.Absent, LogSeen.Absent, tail: true)),
        ("no spool, log not looked at", Gone(SpoolSeen.Absent, LogSeen.Unread, tail: false)),
        ("no spool, log there, its tail not read", Gone(SpoolSeen.Absent, LogSeen.Present, tail: false)),
    ];

    private static GoneJobReading Gone(SpoolSeen spool, LogSeen log, bool tail) => new(RowRecheck.StillRunning, spool, log, tail);

    public static readonly SlurmReading SlurmTimeout = new(RecordedSlurmJob, "TIMEOUT", false, false, "Slurm: time limit reached");

    public static IReadOnlyList<ReadingCase> Readings { get; } = BuildReadings();

    private static List<ReadingCase> BuildReadings()
    {
        var list = new List<ReadingCase>
        {
            new("ps: job exec at the recorded pid", MachineSays.FromPs(ProcessReading.Alive(RecordedPid, 3))),
            new("ps: job exec at another pid", MachineSays.FromPs(ProcessReading.Alive(5151, 2))),
            new("ps: only orphans of its session", MachineSays.FromPs(ProcessReading.Orphans(RecordedPid, 2))),
            new("squeue: RUNNING", MachineSays.FromSqueue(new(RecordedSlurmJob, "RUNNING", true, false, null))),
            new("squeue: PENDING", MachineSays.FromSqueue(new(RecordedSlurmJob, "PENDING", true, true, null))),
            new("squeue: COMPLETING, another Slurm job id", MachineSays.FromSqueue(new(901, "COMPLETING", true, false, null))),
        };
        foreach (var (name, gone) in GoneReadings)
        {
            list.Add(new($"ps: nothing; {name}", MachineSays.FromPs(ProcessReading.Nothing, gone)));
            list.Add(new($"squeue: TIMEOUT (Slurm ended it); {name}", MachineSays.FromSqueue(SlurmTimeout, gone)));
            list.Add(new($"squeue: COMPLETED; {name}", MachineSays.FromSqueue(new(RecordedSlurmJob, "COMPLETED", false, false, null), gone)));
            list.Add(new($"squeue: no longer knows it; {name}", MachineSays.FromSqueue(SlurmReading.Unknown, gone)));
        }
        return list;
    }
}
