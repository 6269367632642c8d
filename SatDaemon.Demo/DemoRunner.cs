using System.Diagnostics;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Database.ReadModels;
using SatDaemon.Configuration;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Ingest;
using SatDaemon.Database.Init;
using SatDaemon.Database.Model;

namespace SatDaemon.Demo;

/// <summary>
/// `satdaemon demo`: builds a workspace, ingests, creates and fills a frame, lets the real daemon process it through
/// every stage with a live view, powers it down and prints a summary. Everything runs the real code path.
/// </summary>
/// <param name="daemon">Builds the real daemon (the daemon's executable passes DemoDaemon.Build).</param>
public sealed class DemoRunner(DemoWorkspace workspace, TextWriter output, int dates, DemoDaemonFactory daemon, ListenAddress? webListen = null)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        if (!File.Exists(workspace.ToolsDll))
        {
            output.WriteLine($"error: {workspace.ToolsDll} not found; build the solution first (dotnet build SatDaemon.sln)");
            return 2;
        }
        Step($"workspace {workspace.Dir}");
        IReadOnlyList<string> removed;
        try
        {
            removed = workspace.Create();
        }
        catch (DemoWorkspaceException e)
        {
            output.WriteLine($"error: {e.Message}");
            return 2;
        }
        foreach (var path in removed) output.WriteLine($"  removed {path} (left by an earlier demo run)");
        if (workspace.KeptFiles.Count > 0)
            output.WriteLine($"  kept {workspace.KeptFiles.Count} files under data/ and processing/ that the demo did not write");
        try
        {
            return await RunInWorkspaceAsync(watch, ct);
        }
        finally
        {
            // What this run and its jobs wrote, for the next run to remove (and only that), also after an interruption.
            workspace.RecordWritten();
        }
    }

    private async Task<int> RunInWorkspaceAsync(Stopwatch watch, CancellationToken ct)
    {
        var zips = workspace.WriteProducts(dates);
        workspace.RecordWritten();
        Step($"{zips.Count} Sentinel-1 products written to {workspace.DataDir}/T064 (real SAFE metadata, shifted by 12-day cycles; the last covers only part of the frame)");

        var config = ConfigLoader.Load(workspace.ConfigPath);
        var factory = SatDbFactory.FromConfig(config);
        Step("init-database: " + await new DatabaseInitializer(factory).InitializeAsync(ct));
        var ingest = await new FileIngester(factory).IngestAsync(config.Parameters.DataDir, null, ct);
        Step($"ingest-files: {ingest.Added} added, {ingest.AlreadyKnown} already known, {ingest.Rejected.Count} rejected, {ingest.NewBursts} new bursts");

        var frames = new FrameManager(factory, config.Parameters.RsarConnections);
        var bursts = await new ProgressQueries(factory).BurstsOfTrackAsync(64, 3, ct);
        await frames.CreateAsync(DemoWorkspace.FrameId, bursts, priority: 5, ct: ct);
        Step($"frame create {DemoWorkspace.FrameId} from bursts {string.Join(", ", bursts)}");
        Step($"frame fill-files: {await frames.FillFilesAsync(DemoWorkspace.FrameId, ct)} files linked");
        var procDates = await frames.UpdateProcDatesAsync(DemoWorkspace.FrameId, null, ct);
        Step($"frame update-procdates: master {procDates.Master:yyyy-MM-dd} (least total baseline), {procDates.IfgAdded.Count} ifg dates, {procDates.RsarIfgAdded.Count} rsar_ifg pairs; usable dates {procDates.UsableDates.Count} of {zips.Count}");
        var controller = new SatDaemonController(factory);
        await controller.SetFullProcAsync(DemoWorkspace.FrameId, true, ct);
        Step("ctl full-proc on: the daemon may run every stage");

        var listen = DemoConsole.Address(webListen);
        using var host = daemon(config, listen);
        Step("daemon starting (one local machine: 4 cpus, 16 GB, disk 100)");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = host.RunAsync(cts.Token);
        Step(await DemoConsole.AnnounceAsync(host, cts.Token));
        var view = new DemoLiveView(factory, config.Machines[0], output);
        var complete = false;
        while (!running.IsCompleted)
        {
            await view.PrintAsync(cts.Token);
            if (!complete && await CompleteAsync(factory, cts.Token))
            {
                complete = true;
                Step("frame processed through every stage: ctl power-down");
                await controller.PowerDownAsync(cts.Token);
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(10))
            {
                output.WriteLine("demo: giving up after 10 minutes");
                await cts.CancelAsync();
            }
            await Task.WhenAny(running, Task.Delay(1000, CancellationToken.None));
        }
        await running;
        return await SummaryAsync(factory, view, watch.Elapsed, host.ExitCode, complete, ct);
    }

    private async Task<int> SummaryAsync(SatDbFactory factory, DemoLiveView view, TimeSpan elapsed, int daemonExit, bool complete, CancellationToken ct)
    {
        var (launched, finished, failed, rows, done) = await new ProgressQueries(factory).CountAsync(ct);
        output.WriteLine();
        output.WriteLine("summary");
        output.WriteLine($"  jobs launched {launched}, finished {finished}, failed {failed}");
        output.WriteLine($"  rows complete {done} of {rows} (master, ifg, rsar_ifg), time series {(complete ? "complete and ingested" : "not complete")}");
        output.WriteLine($"  most at once: {view.MaxJobs} jobs, {view.MaxCpus} of 4 cpus, {view.MaxMemory} of 16 GB (budget exceeded: {(view.BudgetExceeded ? "YES" : "never")})");
        output.WriteLine($"  time {elapsed.TotalSeconds:0} s, daemon exit code {daemonExit}");
        output.WriteLine($"  workspace {workspace.Dir} (config, satdaemon.db, processing/{DemoWorkspace.FrameId}/logs)");
        return complete && failed == 0 && daemonExit == 0 && !view.BudgetExceeded ? 0 : 1;
    }

    private static async Task<bool> CompleteAsync(SatDbFactory factory, CancellationToken ct)
    {
        // The default chain's frame stages: 1 timeseries, 2 ingest (DefaultChain); the chain ends when ingest completes.
        return await new ProgressQueries(factory).TimeSeriesCompleteAsync(DemoWorkspace.FrameId, 2, ct);
    }

    private void Step(string text) => output.WriteLine($"» {text}");
}
