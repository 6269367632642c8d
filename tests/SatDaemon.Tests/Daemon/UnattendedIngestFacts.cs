using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Ingest;
using SatDaemon.Database.Model;
using SatDaemon.Demo.Synthetic;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Ingest;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// Issue 19 end to end: zips dropped under data_dir become processed dates of a new time series with no command, by the
/// daemon's background ingest (ingest_interval) and its passes.
/// The whole chain with real job exec processes runs once, on PostgreSQL (the production database), with commands that
/// are `sh` writing each job type's output (<see cref="DaemonTestBed.ShellJobs"/>: about 45 jobs, three rounds of the
/// stage chain; a second .NET start-up per job was most of its time; `job simulate` has its own end to end in
/// DaemonChainFacts). On SQLite it ran the same jobs again (3 min on two cores) though what SQLite adds is storage: the
/// background ingest writing the same file the passes read and write. That part keeps its own test here, with the
/// machine drained so no job runs; the chain's jobs on SQLite are DaemonChainFacts'.
/// </summary>
public sealed class UnattendedIngestFacts(ITestOutputHelper output)
{
    private const string On = "064A_UNATTENDED_INGEST";
    private const string Initial = "064A_INITIAL_PROC";

    [ServiceFact(Needs.Postgres)]
    public async Task New_zips_under_data_dir_are_ingested_and_processed_to_a_new_time_series_with_no_command()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, machines: c => DaemonTestBed.ShellJobs(c, 0.2));
        var data = await SetUpFramesAsync(bed);
        var d = Enumerable.Range(0, 4).Select(IngestDataDir.Date64).ToList();

        var logs = new CapturingLoggerProvider();
        await using (var daemon = bed.StartInProcess(logs, ingestInterval: TimeSpan.FromSeconds(1)))
        {
            await WaitFor.ConditionAsync(async () => await bed.AllCompleteAsync(On) && await bed.AllCompleteAsync(Initial),
                TimeSpan.FromMinutes(10), "both frames' first time series", dump: bed.Factory);
            var initialLaunches = await LaunchesAsync(bed, Initial);

            // A new whole date and a date with only five of the nine bursts arrive; no command is run.
            data.Dates64([2, 3], partial: 3);
            await WaitFor.ConditionAsync(async () => await IfgDatesAsync(bed, On) is { Count: 2 } && await bed.AllCompleteAsync(On),
                TimeSpan.FromMinutes(10), $"{On}: {d[2]} processed to a new time series", dump: bed.Factory);
            Assert.Equal([d[1], d[2]], await IfgDatesAsync(bed, On)); // the partial date was not added
            Assert.Contains(logs.Lines, l => l.EventId == 1094 && l.Text.Contains(On) && l.Text.Contains($"{d[3]:yyyy-MM-dd} partial"));

            // The late zip with the other four bursts makes the date whole.
            data.Synthetic64("T064", new SyntheticSafeOptions { CycleShift = 3, FirstBurst = 5, UniqueId = "BEEF" });
            await WaitFor.ConditionAsync(async () => await IfgDatesAsync(bed, On) is { Count: 3 } && await bed.AllCompleteAsync(On),
                TimeSpan.FromMinutes(10), $"{On}: {d[3]} processed to a new time series", dump: bed.Factory);

            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), "daemon did not exit after power-down\n" + logs.AllText);
            output.WriteLine($"{Initial}: {initialLaunches} launches before the new zips, {await LaunchesAsync(bed, Initial)} at the end");
            // The noupdate frame got no rows and no jobs from the new dates.
            Assert.Equal(initialLaunches, await LaunchesAsync(bed, Initial));
            Assert.Equal([d[1]], await IfgDatesAsync(bed, Initial));
        }

        // What the job commands themselves wrote ({frame_dir}/{type}/…done files), counted on disk.
        var satsar = Outputs(bed, On, "satsar");
        var unwrap = Outputs(bed, On, "unwrap");
        output.WriteLine($"{On} satsar outputs: {string.Join(", ", satsar)}; unwrap outputs: {string.Join(", ", unwrap)}");
        Assert.Equal(d[1..].Select(x => $"{x:yyyyMMdd}.done"), satsar);
        // rsar_connections 3 over 4 dates: (0,1) (0,2) (0,3) (1,2) (1,3) (2,3).
        Assert.Equal(6, unwrap.Count);
        Assert.Equal(["20221016_20221028.done"], Outputs(bed, Initial, "unwrap"));
        Assert.Equal(0, await bed.CountAsync<FailedJob>());
        // Each stage launched once per row: master 3 + ifg 3 × 4 + rsar 6 × 2, and the time series (2 stages) three times.
        Assert.Equal(3 + 12 + 12 + 3 * 2, await LaunchesAsync(bed, On));
    }

    [Fact]
    public async Task On_sqlite_the_background_ingest_beside_the_passes_adds_whole_dates_and_their_pairs_and_leaves_the_noupdate_frame_alone()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite);
        var data = await SetUpFramesAsync(bed);
        var d = Enumerable.Range(0, 4).Select(IngestDataDir.Date64).ToList();
        // Nothing starts on the one machine: the daemon's passes still read the frames and rebuild the job list from what
        // the ingest wrote, in the same SQLite file, but no job runs.
        await bed.Controller.DrainMachineAsync("m01", bed.LoadConfig().Machines, "test");

        var logs = new CapturingLoggerProvider();
        List<DateOnly> pending;
        await using (var daemon = bed.StartInProcess(logs, ingestInterval: TimeSpan.FromSeconds(1)))
        {
            // A new whole date and a date with only five of the nine bursts arrive; no command is run.
            data.Dates64([2, 3], partial: 3);
            await WaitFor.ConditionAsync(async () => await IfgDatesAsync(bed, On) is { Count: 2 }
                    && logs.Lines.Any(l => l.EventId == 1094 && l.Text.Contains(On) && l.Text.Contains($"{d[3]:yyyy-MM-dd} partial")),
                TimeSpan.FromMinutes(2), $"{On}: {d[2]} added and {d[3]} reported partial", dump: bed.Factory);
            Assert.Equal([d[1], d[2]], await IfgDatesAsync(bed, On)); // the partial date was not added

            // The late zip with the other four bursts makes the date whole; a pass then queues its first stage.
            data.Synthetic64("T064", new SyntheticSafeOptions { CycleShift = 3, FirstBurst = 5, UniqueId = "BEEF" });
            await WaitFor.ConditionAsync(async () => (await PendingDatesAsync(bed, On)).Contains(d[3]),
                TimeSpan.FromMinutes(2), $"{On}: {d[3]} added and queued", dump: bed.Factory);
            // Read before the power-down, which empties pending_jobs.
            pending = await PendingDatesAsync(bed, On);

            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), "daemon did not exit after power-down\n" + logs.AllText);
        }

        var pairs = await RsarPairsAsync(bed, On);
        output.WriteLine($"{On}: ifg dates {string.Join(", ", await IfgDatesAsync(bed, On))}; pending dates {string.Join(", ", pending)}; "
            + $"rsar pairs {string.Join(", ", pairs)}; {Initial}: rsar pairs {string.Join(", ", await RsarPairsAsync(bed, Initial))}");
        Assert.Equal(d[1..], await IfgDatesAsync(bed, On));
        // Every date waits at its first stage (download): the master's and the three ifg dates'.
        Assert.Equal(d, pending);
        // rsar_connections 3 over 4 dates: (0,1) (0,2) (0,3) (1,2) (1,3) (2,3).
        Assert.Equal(6, pairs.Count);
        // The noupdate frame kept its first date and pair only.
        Assert.Equal([d[1]], await IfgDatesAsync(bed, Initial));
        Assert.Equal([$"{d[0]:yyyyMMdd}_{d[1]:yyyyMMdd}"], await RsarPairsAsync(bed, Initial));
        Assert.Equal(0, await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Launched)));
    }

    /// <summary>
    /// Setup as an operator does it once: ingest the first two dates, two frames of the nine IW2 bursts with their first
    /// dates; <see cref="Initial"/> is noupdate.
    /// </summary>
    private static async Task<IngestDataDir> SetUpFramesAsync(DaemonTestBed bed)
    {
        var data = new IngestDataDir(bed.DataDir);
        data.CopyReal("T064", S1Files.Track64);
        data.Dates64([1]);
        await new IngestRun(bed.Factory, 3).RunAsync(data.Root);
        await using (var ctx = bed.Factory.Create())
        {
            var bursts = await ctx.Bursts.Select(b => b.Id).ToListAsync();
            var frames = new FrameManager(bed.Factory);
            await frames.CreateAsync(On, bursts, level: ProcLevel.Full);
            await frames.CreateAsync(Initial, bursts, level: ProcLevel.Full);
        }
        var manager = new FrameManager(bed.Factory);
        foreach (var f in new[] { On, Initial })
        {
            await manager.FillFilesAsync(f);
            await manager.UpdateProcDatesAsync(f, IngestDataDir.Date64(0));
        }
        await bed.Controller.SetNoUpdateAsync(Initial, true);
        return data;
    }

    private static async Task<int> LaunchesAsync(DaemonTestBed bed, string frame) =>
        await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Launched && e.FrameId == frame));

    private static async Task<List<DateOnly>> IfgDatesAsync(DaemonTestBed bed, string frame)
    {
        await using var ctx = bed.Factory.Create();
        return await ctx.Ifg.Where(i => i.FrameId == frame).Select(i => i.Date).OrderBy(x => x).ToListAsync();
    }

    private static async Task<List<DateOnly>> PendingDatesAsync(DaemonTestBed bed, string frame)
    {
        await using var ctx = bed.Factory.Create();
        return await ctx.PendingJobs.Where(j => j.FrameId == frame && j.Date != null).Select(j => j.Date!.Value).Distinct().OrderBy(x => x).ToListAsync();
    }

    private static async Task<List<string>> RsarPairsAsync(DaemonTestBed bed, string frame)
    {
        await using var ctx = bed.Factory.Create();
        var pairs = await ctx.RsarIfg.Where(r => r.FrameId == frame).Select(r => new { r.Date1, r.Date2 }).ToListAsync();
        return pairs.Select(p => $"{p.Date1:yyyyMMdd}_{p.Date2:yyyyMMdd}").Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Outputs(DaemonTestBed bed, string frame, string type)
    {
        var dir = Path.Combine(bed.ProcDir, frame, type);
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];
    }
}
