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
/// daemon's background ingest (ingest_interval) and its passes, with real job exec processes whose commands are `sh`
/// writing each job type's output (<see cref="DaemonTestBed.ShellJobs"/>: about 60 jobs per case, and a second .NET
/// start-up per job was most of this test's time; `job simulate` has its own end to end in DaemonChainFacts).
/// </summary>
public sealed class UnattendedIngestFacts(ITestOutputHelper output)
{
    private const string On = "064A_UNATTENDED_INGEST";
    private const string Initial = "064A_INITIAL_PROC";

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task New_zips_under_data_dir_are_ingested_and_processed_to_a_new_time_series_with_no_command(TestProvider provider)
    {
        await using var bed = await DaemonTestBed.CreateAsync(provider, machines: c => DaemonTestBed.ShellJobs(c, 0.2));
        var data = new IngestDataDir(bed.DataDir);
        data.CopyReal("T064", S1Files.Track64);
        data.Dates64([1]);
        // Setup as an operator does it once: ingest, two frames of the nine IW2 bursts, their first dates.
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

    private static async Task<int> LaunchesAsync(DaemonTestBed bed, string frame) =>
        await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Launched && e.FrameId == frame));

    private static async Task<List<DateOnly>> IfgDatesAsync(DaemonTestBed bed, string frame)
    {
        await using var ctx = bed.Factory.Create();
        return await ctx.Ifg.Where(i => i.FrameId == frame).Select(i => i.Date).OrderBy(x => x).ToListAsync();
    }

    private static List<string> Outputs(DaemonTestBed bed, string frame, string type)
    {
        var dir = Path.Combine(bed.ProcDir, frame, type);
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];
    }
}
