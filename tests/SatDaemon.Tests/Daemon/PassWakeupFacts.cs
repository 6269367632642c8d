using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// The daemon's wake-up between passes on PostgreSQL (issue 18): a change committed through DaemonFlags notifies,
/// and a daemon whose poll interval and glance are minutes long still passes at once. Jobs are counted from a ledger
/// the job command itself appends to, not from what the daemon records.
/// </summary>
public sealed class PassWakeupFacts(ITestOutputHelper output)
{
    private const string FrameId = "072A_WAKEUP_TEST";
    // Far below the poll interval and the glance (10 min), far above a pass: only a notification explains a pass in time.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A frame switched on by `ctl download FRAME on` gets its first download launched, and the first download's end
    /// (recorded by job exec) gets the second one launched: two downloads that cannot run side by side (each takes the
    /// machine's 4 cpus), with neither the 10 min poll nor the 10 min glance due.
    /// </summary>
    [ServiceFact(Needs.Postgres)]
    public async Task A_ctl_change_and_a_job_end_each_start_a_pass_at_once_though_poll_and_glance_are_minutes_away()
    {
        await using var bed = await CreateBedAsync();
        var logs = new CapturingLoggerProvider();
        await using var daemon = bed.StartInProcess(logs, poll: Long, wakeCheck: Long);
        var listener = await WaitForListenerAsync(bed, null);
        output.WriteLine($"listener backend pid {listener}");

        var ctl = await ToolProcess.RunAsync("ctl", "download", FrameId, "on", "-d", bed.ConfigPath);
        output.WriteLine(ctl.ToString());
        await WaitFor.ConditionAsync(() => Ledger(bed).Length >= 2, Bound, "both downloads started (one after the other's end)", dump: bed.Factory);
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<RunningJob>() == 0, Bound, "the second download ended", dump: bed.Factory);

        var ledger = Ledger(bed);
        var woken = logs.Lines.Count(l => l.EventId == 1017);
        output.WriteLine($"ledger: {ledger.Length} starts; woken by a notification {woken} times; daemon still running: {!daemon.Run.IsCompleted}");
        foreach (var line in logs.Lines.Where(l => l.EventId is 1001 or 1017)) output.WriteLine(line.Text);

        Assert.Equal(0, ctl.ExitCode);
        Assert.Equal(2, ledger.Length);
        Assert.False(daemon.Run.IsCompleted);
        await using var db = bed.Factory.Create();
        Assert.Equal(0, await db.FailedJobs.CountAsync());
    }

    /// <summary>
    /// The listening connection killed on the server (pg_terminate_backend on its application_name): the daemon runs on,
    /// logs the loss once, keeps passing on its glance (500 ms here) — the first download starts while no connection
    /// listens (reconnect only after 20 s) — and listens again on a new connection, where the next pass comes from.
    /// The frame is switched on in-process (the controller `ctl download` calls): the ctl process is the first test's
    /// subject, and here its start-up only ate into the window before the reconnect.
    /// </summary>
    [ServiceFact(Needs.Postgres)]
    public async Task A_killed_listener_falls_back_to_the_glance_is_logged_once_and_listens_again()
    {
        await using var bed = await CreateBedAsync();
        var logs = new CapturingLoggerProvider();
        await using var daemon = bed.StartInProcess(logs, poll: Long, wakeCheck: TimeSpan.FromMilliseconds(500), wakeupReconnect: TimeSpan.FromSeconds(20));
        var first = await WaitForListenerAsync(bed, null);

        await using (var db = bed.Factory.Create())
            await db.Database.ExecuteSqlAsync($"SELECT pg_terminate_backend({first})");
        var change = await bed.Controller.SetDownloadAsync(FrameId, true);
        await WaitFor.ConditionAsync(() => Ledger(bed).Length >= 1, Bound, "the first download started with the listener killed", dump: bed.Factory);
        var listenersAtFirstStart = (await ListenersAsync(bed)).Count;
        var second = await WaitForListenerAsync(bed, first);
        await WaitFor.ConditionAsync(() => Ledger(bed).Length >= 2, Bound, "the second download started", dump: bed.Factory);

        var lost = logs.Lines.Where(l => l.EventId == 1015).ToList();
        var back = logs.Lines.Where(l => l.EventId == 1016).ToList();
        output.WriteLine($"{change}; listener pid {first} killed; listeners when the first download started: {listenersAtFirstStart}; then pid {second}; "
            + $"ledger {Ledger(bed).Length} starts; lost logged {lost.Count}×, back logged {back.Count}×; daemon still running: {!daemon.Run.IsCompleted}");
        foreach (var line in logs.Lines.Where(l => l.EventId is 1001 or 1015 or 1016 or 1017)) output.WriteLine($"{line.Level} {line.EventId} {line.Text}");

        Assert.True(change.Changed);
        Assert.False(daemon.Run.IsCompleted);
        Assert.Equal(0, listenersAtFirstStart);
        Assert.Equal(2, Ledger(bed).Length);
        Assert.NotEqual(first, second);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, Assert.Single(lost).Level);
        Assert.Single(back);
        Assert.DoesNotContain(logs.Lines, l => l.EventId is 1002 or 1006);
    }

    /// <summary>One local machine of 4 cpus; downloads take all 4 and append "started" to a ledger, then sleep 1 s.</summary>
    private static async Task<DaemonTestBed> CreateBedAsync()
    {
        var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, 1, simulate: false);
        bed.Config.Set("JOB:download", "cpus", "4");
        bed.Config.Set("JOB:download", "command", $"sh -c \"echo started >> {LedgerPath(bed)} && sleep 1\"");
        bed.WriteConfig();
        await bed.AddFrameAsync(FrameId, 2, ProcLevel.Off);
        return bed;
    }

    private static string LedgerPath(DaemonTestBed bed) => Path.Combine(bed.Dir, "ledger");

    private static string[] Ledger(DaemonTestBed bed) => File.Exists(LedgerPath(bed)) ? File.ReadAllLines(LedgerPath(bed)) : [];

    /// <summary>Backend pids of connections named as the daemon's listener whose last statement was LISTEN on its channel.</summary>
    private static async Task<List<int>> ListenersAsync(DaemonTestBed bed)
    {
        await using var db = bed.Factory.Create();
        return await db.Database.SqlQuery<int>(
                $"SELECT pid AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND application_name = {PassWakeup.ApplicationName} AND query = {"LISTEN " + PassWakeup.Channel}")
            .ToListAsync();
    }

    /// <summary>The backend pid of the daemon's listening connection once it has run LISTEN (another than <paramref name="not"/>).</summary>
    private static async Task<int> WaitForListenerAsync(DaemonTestBed bed, int? not)
    {
        var pid = 0;
        await WaitFor.ConditionAsync(async () =>
        {
            pid = (await ListenersAsync(bed)).FirstOrDefault(p => p != not);
            return pid != 0;
        }, Bound, not is null ? "the daemon's wake-up listener" : "a new wake-up listener", dump: bed.Factory);
        return pid;
    }
}
