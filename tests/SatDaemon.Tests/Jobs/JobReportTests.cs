using SatDaemon.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Jobs;

/// <summary>job progress | warn | error, as a command in any language would call them.</summary>
public sealed class JobReportTests
{
    [Fact]
    public async Task Progress_updates_running_jobs()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(["job", "progress", "--job-id", job.Id.ToString(), "-d", bed.ConfigPath, "40", "coreg half done"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var row = await bed.QueryAsync(db => db.RunningJobs.SingleAsync(j => j.Id == job.Id));
        Assert.Equal((40.0, "coreg half done"), (row.Progress, row.Message));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public async Task A_progress_that_is_not_a_finite_number_exits_2_with_one_line_and_changes_nothing(string value)
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(["job", "progress", "--job-id", job.Id.ToString(), "-d", bed.ConfigPath, "--", value]);
        var row = await bed.QueryAsync(db => db.RunningJobs.SingleAsync(j => j.Id == job.Id));
        var events = await bed.QueryAsync(db => db.JobEvents.CountAsync(e => e.JobId == job.Id && e.Kind == JobEventKinds.Progress));
        Console.WriteLine($"job progress {value}: exit {result.ExitCode}, stderr [{result.Stderr.Trim()}], progress {row.Progress}, progress events {events}");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains($"not '{value}'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal(0, events);
    }

    [Theory]
    [InlineData("5000", 100.0)]
    [InlineData("-3", 0.0)]
    public async Task An_out_of_range_progress_is_recorded_clamped_alike_in_the_status_and_the_event(string value, double expected)
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(["job", "progress", "--job-id", job.Id.ToString(), "-d", bed.ConfigPath, "--", value, "step"]);
        var row = await bed.QueryAsync(db => db.RunningJobs.SingleAsync(j => j.Id == job.Id));
        var message = await bed.QueryAsync(db => db.JobEvents.Where(e => e.JobId == job.Id && e.Kind == JobEventKinds.Progress).Select(e => e.Message).SingleAsync());
        Console.WriteLine($"job progress {value}: exit {result.ExitCode}, stderr [{result.Stderr.Trim()}], progress {row.Progress}, event [{message}]");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, row.Progress);
        Assert.Equal($"{expected}% step", message);
        Assert.Contains("outside 0-100", result.Stderr);
    }

    [Fact]
    public async Task The_job_id_and_config_default_to_the_job_environment()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var env = new Dictionary<string, string?> { ["SATDAEMON_JOB_ID"] = job.Id.ToString(), ["SATDAEMON_CONFIG"] = bed.ConfigPath };

        var warn = await ToolProcess.RunAsync(["job", "warn", "orbit file is restituted, not precise"], env);
        var error = await ToolProcess.RunAsync(["job", "error", "burst 3 has no data"], env);

        Assert.True(warn.ExitCode == 0, warn.ToString());
        Assert.True(error.ExitCode == 0, error.ToString());
        var events = await bed.QueryAsync(db => db.JobEvents.Where(e => e.JobId == job.Id).ToListAsync());
        Assert.Contains(events, e => e.Kind == JobEventKinds.Warning && e.Message == "orbit file is restituted, not precise");
        Assert.Contains(events, e => e.Kind == JobEventKinds.Error && e.Message == "burst 3 has no data");
    }

    [Fact]
    public async Task A_report_for_an_unknown_job_exits_3_with_a_clear_message()
    {
        using var bed = await JobTestBed.CreateAsync();

        var result = await ToolProcess.RunAsync(["job", "progress", "--job-id", "17", "-d", bed.ConfigPath, "50"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("job 17 is not running (unknown or already finished)", result.Stderr);
    }

    [Fact]
    public async Task A_report_for_a_finished_job_exits_3()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        await bed.Store.RecordSuccessAsync(job.Id, CancellationToken.None);

        var result = await ToolProcess.RunAsync(["job", "warn", "--job-id", job.Id.ToString(), "-d", bed.ConfigPath, "late"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"job {job.Id} is not running (unknown or already finished)", result.Stderr);
    }

    [Fact]
    public async Task Without_a_job_id_the_report_says_so()
    {
        using var bed = await JobTestBed.CreateAsync();

        var result = await ToolProcess.RunAsync(["job", "progress", "-d", bed.ConfigPath, "50"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SATDAEMON_JOB_ID is not set", result.Stderr);
    }
}
