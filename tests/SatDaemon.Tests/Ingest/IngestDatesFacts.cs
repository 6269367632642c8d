using Microsoft.EntityFrameworkCore;
using SatDaemon.Control;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Ingest;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Demo.Synthetic;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Ingest;

/// <summary>After ingest links new files, frames switched on get their new usable dates in the same run (issue 19).</summary>
public sealed class IngestDatesFacts(ITestOutputHelper output)
{
    private const string On = "064A_INGEST_ON";
    private const string NoUpdate = "064A_INGEST_NOUPDATE";
    private const string Off = "064A_INGEST_OFF";

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Ingest_adds_usable_dates_to_frames_switched_on_and_reports_partial_dates_until_the_late_zip(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.CopyReal("T064", S1Files.Track64);
        await new IngestRun(db.Factory, 3).RunAsync(data.Root);
        // Three frames of the nine IW2 bursts of the real product: one full, one noupdate, one off.
        var bursts = await BurstIdsAsync(db);
        Assert.Equal(9, bursts.Count);
        var frames = new FrameManager(db.Factory);
        await frames.CreateAsync(On, bursts, level: ProcLevel.Full);
        await frames.CreateAsync(NoUpdate, bursts, level: ProcLevel.Full);
        await frames.CreateAsync(Off, bursts, level: ProcLevel.Off);
        await new SatDaemonController(db.Factory).SetNoUpdateAsync(NoUpdate, true);
        foreach (var f in new[] { On, NoUpdate, Off }) await frames.FillFilesAsync(f);

        // Cycles 1 and 2 whole; cycle 3 only the first five bursts of each swath.
        data.Dates64([1, 2, 3], partial: 3);
        await using (var ctx = db.Factory.Create())
        {
            await DaemonFlags.ClearJobListRequestAsync(ctx, default);
            await DaemonFlags.TakeDirtyFramesAsync(ctx, default); // the ctl noupdate above marked its frame
        }
        var first = await new IngestRun(db.Factory, 3).RunAsync(data.Root);

        var d = Enumerable.Range(0, 4).Select(IngestDataDir.Date64).ToList();
        Write("first run", first);
        Assert.Equal(3, first.Added);
        Assert.Equal([NoUpdate, Off, On], first.FrameDates.Select(f => f.FrameId).Order(StringComparer.Ordinal));
        var on = first.FrameDates.Single(f => f.FrameId == On);
        // No master before: update-procdates picks one among the three usable dates, the other two become ifg.
        Assert.Null(on.Skipped);
        Assert.Equal(d[..3], on.DatesAdded);
        Assert.Equal(d[3], Assert.Single(on.Partial).Date);
        Assert.Equal(4, on.Partial[0].MissingBursts.Count); // 9 bursts, 5 of them in the partial zip
        Assert.Equal(["IW2"], on.Partial[0].MissingSwaths);
        Assert.Equal("noupdate", first.FrameDates.Single(f => f.FrameId == NoUpdate).Skipped);
        Assert.Equal("proc_level off", first.FrameDates.Single(f => f.FrameId == Off).Skipped);

        var rows = await RowsAsync(db);
        output.WriteLine($"rows after first run: {string.Join("; ", rows.Select(r => $"{r.Key}={r.Value}"))}");
        // 3 dates: 1 master, 2 ifg; rsar pairs with the next 3 dates: (0,1) (0,2) (1,2).
        Assert.Equal((1, 2, 3), rows[On]);
        Assert.Equal((0, 0, 0), rows[NoUpdate]);
        Assert.Equal((0, 0, 0), rows[Off]);
        // Only the frame that got dates: the others' job lists cannot have changed.
        Assert.Equal([On], await JobListFramesAsync(db));

        // The late zip of cycle 3 (bursts 6-9, a product of its own) makes the date whole.
        data.Synthetic64("T064", new SyntheticSafeOptions { CycleShift = 3, FirstBurst = 5, UniqueId = "BEEF" });
        var second = await new IngestRun(db.Factory, 3).RunAsync(data.Root);

        Write("second run", second);
        var late = second.FrameDates.Single(f => f.FrameId == On);
        Assert.Equal([d[3]], late.DatesAdded);
        Assert.Empty(late.Partial);
        Assert.Equal(on.Update!.Master, late.Update!.Master); // the master is kept
        rows = await RowsAsync(db);
        output.WriteLine($"rows after second run: {string.Join("; ", rows.Select(r => $"{r.Key}={r.Value}"))}");
        // 4 dates: pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3).
        Assert.Equal((1, 3, 6), rows[On]);
        Assert.Equal((0, 0, 0), rows[NoUpdate]);

        // Nothing new: no frame is looked at.
        var third = await new IngestRun(db.Factory, 3).RunAsync(data.Root);
        Assert.Empty(third.FrameDates);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task No_update_procdates_only_links_files(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.CopyReal("T064", S1Files.Track64);
        await new IngestRun(db.Factory, 3).RunAsync(data.Root);
        await new FrameManager(db.Factory).CreateAsync(On, await BurstIdsAsync(db), level: ProcLevel.Full);
        data.Dates64([1]);

        var report = await new IngestRun(db.Factory, 3) { UpdateProcDates = false }.RunAsync(data.Root);

        Assert.Equal((1, 1), (report.Added, report.FrameLinks));
        Assert.Empty(report.FrameDates);
        Assert.Equal((0, 0, 0), (await RowsAsync(db))[On]);
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Ingest_files_says_which_frame_got_which_dates_in_json_and_text(TestProvider provider)
    {
        await using var db = await IngestTestDb.CreateAsync(provider);
        var data = new IngestDataDir(db.Temp.Path("data"));
        data.CopyReal("T064", S1Files.Track64);
        await new IngestRun(db.Factory, 3).RunAsync(data.Root);
        var frames = new FrameManager(db.Factory);
        await frames.CreateAsync(On, await BurstIdsAsync(db), level: ProcLevel.Full);
        await frames.FillFilesAsync(On);
        var config = db.Temp.Path("satdaemon.cfg");
        File.WriteAllText(config, new ConfigText(db.Url, 1, db.Temp.Path("proc"), data.Root).ToString());
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var d = Enumerable.Range(0, 4).Select(c => IngestDataDir.Date64(c).ToString("yyyy-MM-dd")).ToList();

        data.Dates64([1, 2], partial: 2);
        // ingest-files in-process (the same command and report): what is tested is the report, not the process.
        var json = await ToolInProcess.RunAsync("ingest-files", "-d", config, "--json");
        output.WriteLine(json.ToString());
        Assert.Equal(0, json.ExitCode);
        var frame = Assert.Single(System.Text.Json.JsonDocument.Parse(json.Stdout).RootElement.GetProperty("frames").EnumerateArray());
        Assert.Equal(On, frame.GetProperty("frame_id").GetString());
        Assert.Equal([d[0], d[1]], frame.GetProperty("dates_added").EnumerateArray().Select(x => x.GetString()));
        var partial = Assert.Single(frame.GetProperty("partial").EnumerateArray());
        Assert.Equal(d[2], partial.GetProperty("date").GetString());
        Assert.Equal(4, partial.GetProperty("missing_bursts").GetArrayLength());
        Assert.Equal(["IW2"], partial.GetProperty("missing_swaths").EnumerateArray().Select(x => x.GetString()));

        data.Dates64([3]);
        var text = await ToolInProcess.RunAsync("ingest-files", "-d", config);
        output.WriteLine(text.ToString());
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"{On}: dates added {d[3]}; master {d[0]}", text.Stdout);
    }

    private void Write(string title, IngestReport r)
    {
        output.WriteLine($"{title}: found {r.Found}, added {r.Added}, frame links {r.FrameLinks}");
        foreach (var f in r.FrameDates)
            output.WriteLine($"  {f.FrameId}: skipped {f.Skipped ?? "-"}, added [{string.Join(", ", f.DatesAdded)}], partial [{string.Join(", ", f.Partial.Select(p => $"{p.Date} missing {p.MissingBursts.Count}"))}]");
    }

    private static async Task<List<string>> BurstIdsAsync(IngestTestDb db)
    {
        await using var ctx = db.Factory.Create();
        return await ctx.Bursts.Where(b => b.Track == 64).Select(b => b.Id).OrderBy(b => b).ToListAsync();
    }

    /// <summary>The frames whose part of the job list the daemon is asked to rebuild (joblist_dirty_frames).</summary>
    private static async Task<List<string>> JobListFramesAsync(IngestTestDb db)
    {
        await using var ctx = db.Factory.Create();
        return await ctx.JobListDirtyFrames.AsNoTracking().OrderBy(d => d.FrameId).Select(d => d.FrameId).ToListAsync();
    }

    /// <summary>master, ifg and rsar_ifg rows per frame, counted in the tables.</summary>
    private static async Task<Dictionary<string, (int Master, int Ifg, int Rsar)>> RowsAsync(IngestTestDb db)
    {
        await using var ctx = db.Factory.Create();
        var result = new Dictionary<string, (int, int, int)>();
        foreach (var f in await ctx.Frames.Select(f => f.Id).ToListAsync())
            result[f] = (await ctx.Master.CountAsync(m => m.FrameId == f), await ctx.Ifg.CountAsync(i => i.FrameId == f), await ctx.RsarIfg.CountAsync(r => r.FrameId == f));
        return result;
    }
}
