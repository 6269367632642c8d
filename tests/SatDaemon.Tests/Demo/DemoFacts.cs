using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Model;
using SatDaemon.Demo;
using SatDaemon.Hosting;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Demo;

/// <summary>The demo, end to end on the embedded SQLite default, exactly as `satdaemon demo` runs it.</summary>
public sealed class DemoFacts
{
    [Fact]
    public async Task Demo_processes_its_frame_through_every_stage_without_failures_within_budget()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();
        var workspace = new DemoWorkspace(dir.Path("demo"), TestBinaries.ToolsDll);
        var code = await new DemoRunner(workspace, output, dates: 2, DemoDaemon.Build).RunAsync(CancellationToken.None);
        var text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("budget exceeded: never", text);

        var factory = SatDbFactory.FromConfig(ConfigLoader.Load(workspace.ConfigPath));
        await using var db = factory.Create();
        Assert.Equal(3, await db.Files.CountAsync()); // two full dates and the partial one
        Assert.All(await db.Master.ToListAsync(), r => Assert.Equal(ProcStatus.Complete, r.ProcStatus));
        Assert.All(await db.Ifg.ToListAsync(), r => Assert.Equal(ProcStatus.Complete, r.ProcStatus));
        Assert.All(await db.RsarIfg.ToListAsync(), r => Assert.Equal(ProcStatus.Complete, r.ProcStatus));
        Assert.Equal(1, await db.Ifg.CountAsync()); // the partial date is left out
        var frame = await db.Frames.SingleAsync();
        Assert.Equal((2, ProcStatus.Complete), (frame.TsStage, frame.TsStatus));
        Assert.Equal(0, await db.FailedJobs.CountAsync());
        Assert.Equal(0, await db.RunningJobs.CountAsync());
        var launched = await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Launched);
        Assert.Equal(launched, await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Finished));
        // outputs written by job simulate through the real job exec
        Assert.True(File.Exists(Path.Combine(workspace.ProcDir, DemoWorkspace.FrameId, "TS", "ingested.done")));

        // Each job log, as the launch line made it (job exec's stderr redirected into it), states the job's use once.
        var logs = Directory.GetFiles(workspace.ProcDir, "*.log", SearchOption.AllDirectories);
        var usedLines = logs.Select(l => File.ReadAllLines(l).Count(line => line.Contains("used wall", StringComparison.Ordinal))).ToList();
        Console.WriteLine($"{logs.Length} job logs; 'used wall' lines per log: {string.Join(",", usedLines)}");
        Assert.Equal(launched, logs.Length);
        Assert.All(usedLines, n => Assert.Equal(1, n));
    }
}
