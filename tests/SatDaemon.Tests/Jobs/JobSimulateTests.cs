using SatDaemon.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Jobs;

/// <summary>job simulate, the stand-in processing command of the demo: outputs, failure on request, patterns.</summary>
public sealed class JobSimulateTests
{
    [Fact]
    public async Task Simulate_writes_every_output_of_its_job_type()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id, ToolProcess.Argv("job", "simulate", "--stage", "download", "--seconds", "0")));

        Assert.True(result.ExitCode == 0, result + await bed.DumpAsync(job.Id));
        var raw = Path.Combine(bed.FrameDir, "RAW", "20200523");
        Assert.Contains($"by job {job.Id}", await File.ReadAllTextAsync(Path.Combine(raw, "download.ok")));
        // {master_date} comes from frames.master_date
        Assert.True(File.Exists(Path.Combine(raw, "vs_20200511.txt")));
    }

    [Fact]
    public async Task The_fail_pattern_fails_matching_jobs_with_the_given_exit_code_and_no_outputs()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var env = new Dictionary<string, string?> { ["SATDAEMON_SIMULATE_FAIL_PATTERN"] = "download 20200523" };

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ToolProcess.Argv("job", "simulate", "--stage", "download", "--seconds", "0", "--exit-code", "5")), env);

        Assert.True(result.ExitCode == 5, result + await bed.DumpAsync(job.Id));
        var failed = Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync()));
        Assert.Contains("ERROR: simulated failure of 132A_TEST_FRAME download 20200523", failed.LogTail);
        Assert.False(Directory.Exists(Path.Combine(bed.FrameDir, "RAW")));
        Assert.Equal(ProcStatus.Failed, (await bed.IfgAsync()).ProcStatus);
    }

    [Fact]
    public async Task The_die_pattern_only_hits_matching_jobs()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var env = new Dictionary<string, string?> { ["SATDAEMON_SIMULATE_DIE_PATTERN"] = "OTHER_FRAME" };

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id, ToolProcess.Argv("job", "simulate", "--stage", "download", "--seconds", "0")), env);

        Assert.True(result.ExitCode == 0, result + await bed.DumpAsync(job.Id));
    }
}
