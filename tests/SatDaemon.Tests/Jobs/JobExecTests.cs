using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Jobs;

/// <summary>job exec around real commands, on a SQLite database: every ending of a job and what it leaves behind.</summary>
public sealed class JobExecTests
{
    [Fact]
    public async Task Success_advances_the_stage_and_frees_the_job()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ToolProcess.Argv("job", "simulate", "--stage", "download", "--seconds", "0.3", "--progress-steps", "2")));

        var dump = await bed.DumpAsync(job.Id);
        Assert.True(result.ExitCode == 0, $"{result}\n{dump}");
        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
        var ifg = await bed.IfgAsync();
        Assert.Equal((2, ProcStatus.Waiting), (ifg.ProcStage, ifg.ProcStatus));
        var kinds = await bed.QueryAsync(db => db.JobEvents.Where(e => e.JobId == job.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(1, kinds.Count(k => k == JobEventKinds.Finished));
        Assert.Contains(JobEventKinds.Running, kinds);
        Assert.Equal(2, kinds.Count(k => k == JobEventKinds.Progress));
        Assert.False(File.Exists(JobOutcomeFile.PathFor(bed.LogPath(job.Id))), "the outcome file is removed once recorded");
        Assert.Contains("simulate 132A_TEST_FRAME download 20200523: step 2/2", await File.ReadAllTextAsync(bed.LogPath(job.Id)));
    }

    [Fact]
    public async Task Failure_writes_failed_jobs_sets_status_4_and_posts_to_teams()
    {
        await using var teams = new LoopbackTeamsReceiver();
        using var bed = await JobTestBed.CreateAsync(teamsWebhook: teams.Url);
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ["/bin/sh", "-c", "echo reading burst 1; echo 'ERROR: orbit file missing' >&2; exit 3"]));

        var dump = await bed.DumpAsync(job.Id);
        Assert.True(result.ExitCode == 3, $"{result}\n{dump}");
        var failed = Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync()));
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("exit code 3", failed.Error);
        Assert.Contains("ERROR: orbit file missing", failed.LogTail);
        Assert.Contains("reading burst 1", failed.LogTail);
        Assert.Equal(ProcStatus.Failed, (await bed.IfgAsync()).ProcStatus);
        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));

        // job exec flushes Teams before exiting, so the card has arrived by now.
        var post = Assert.Single(teams.Requests);
        var body = post.Body;
        Assert.Contains(JobTestBed.FrameId, body);
        Assert.Contains("download", body);
        Assert.Contains("2020-05-23", body);
        Assert.Contains(JobTestBed.Machine, body);
        Assert.Contains("Exit code", body);
        Assert.Contains("ERROR: orbit file missing", body);
        using var _ = JsonDocument.Parse(body);
    }

    [Fact]
    public async Task A_command_killed_by_a_signal_is_reported_as_such()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ToolProcess.Argv("job", "simulate", "--stage", "download", "--seconds", "0.4", "--progress-steps", "2", "--die")));

        var dump = await bed.DumpAsync(job.Id);
        Assert.True(result.ExitCode == 128 + 9, $"{result}\n{dump}");
        var failed = Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync()));
        Assert.Equal("killed by signal 9 (SIGKILL)", failed.Error);
        Assert.Contains("dying now", failed.LogTail);
        Assert.False(File.Exists(Path.Combine(bed.FrameDir, "RAW", "20200523", "download.ok")), "a killed job writes no outputs");
    }

    [Fact]
    public async Task Failure_with_retries_left_puts_the_row_back_to_waiting_with_a_delayed_pending_job()
    {
        await using var teams = new LoopbackTeamsReceiver();
        using var bed = await JobTestBed.CreateAsync(retries: 1, teamsWebhook: teams.Url);
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id, ["/bin/false"]));

        var dump = await bed.DumpAsync(job.Id);
        Assert.True(result.ExitCode == 1, $"{result}\n{dump}");
        Assert.Equal(ProcStatus.Waiting, (await bed.IfgAsync()).ProcStatus);
        var pending = Assert.Single(await bed.QueryAsync(db => db.PendingJobs.ToListAsync()));
        Assert.Equal(1, pending.Attempt);
        Assert.True(pending.NotBefore > DateTime.UtcNow, dump);
        Assert.True(Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync())).Retried);
        Assert.Empty(teams.Requests); // not final: nobody needs to look yet
    }

    [Fact]
    public async Task A_command_that_cannot_start_is_a_failure_with_exit_code_127()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id, [Path.Combine(bed.Root, "no-such-program")]));

        Assert.True(result.ExitCode == 127, result.ToString());
        var failed = Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync()));
        Assert.StartsWith("cannot start: ", failed.Error);
    }

    [Fact]
    public async Task Exec_for_a_job_that_is_not_running_exits_3_and_runs_nothing()
    {
        using var bed = await JobTestBed.CreateAsync();
        var marker = Path.Combine(bed.Root, "ran");

        var result = await ToolProcess.RunAsync(bed.ExecArgs(4242, ["/usr/bin/touch", marker]));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("job 4242 is not running (unknown or already finished)", result.Stderr);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Arguments_with_quotes_spaces_semicolons_substitutions_and_newlines_reach_the_command_as_one_argument()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var marker = Path.Combine(bed.Root, "injected");
        var payload = $"a b 'c' \"d\" ; touch {marker} $(touch {marker}) `touch {marker}` \\ \nsecond line";
        // The daemon's path: the command template is split first, then the payload substituted into one word.
        var values = JobPlaceholders.For(bed.Config, job.FrameId, job.Date, job.Date2, JobTestBed.MasterDate, job.Id) with { SoftwareDir = payload };
        var argv = CommandTemplate.SplitAndExpand("/usr/bin/printf '<%s>\\n' {software_dir}", values);

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id, argv));

        Assert.True(result.ExitCode == 0, result.ToString());
        var log = await File.ReadAllTextAsync(bed.LogPath(job.Id));
        Assert.Contains($"<{payload}>\n", log);
        Assert.Single(log.Split('\n'), l => l.StartsWith('<'));
        Assert.False(File.Exists(marker), "nothing in the argument was run");
    }

    [Fact]
    public async Task The_command_gets_the_job_environment_and_runs_in_the_frame_folder()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ["/bin/sh", "-c", "echo \"id=$SATDAEMON_JOB_ID cfg=$SATDAEMON_CONFIG pwd=$(pwd)\""]));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"id={job.Id} cfg={bed.ConfigPath} pwd={bed.FrameDir}", await File.ReadAllTextAsync(bed.LogPath(job.Id)));
    }

    [Fact]
    public async Task Sigterm_to_job_exec_reaches_the_command_and_the_end_is_still_recorded()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        using var exec = ToolProcess.Start(bed.ExecArgs(job.Id, ["/bin/sh", "-c", "echo started; exec sleep 60"]));
        var collect = ToolProcess.CollectAsync(exec, TimeSpan.FromMinutes(2));
        var log = bed.LogPath(job.Id);
        Assert.True(await Wait.ForAsync(() => Task.FromResult(File.Exists(log) && File.ReadAllText(log).Contains("started")), TimeSpan.FromSeconds(60)));

        // As the daemon's timeout does (it signals the whole group; here only job exec, which must forward it).
        using (var kill = System.Diagnostics.Process.Start("/bin/kill", ["-TERM", exec.Id.ToString()])) await kill.WaitForExitAsync();

        var result = await collect;
        Assert.True(result.ExitCode == 128 + 15, result + await bed.DumpAsync(job.Id));
        Assert.Equal("killed by signal 15 (SIGTERM)", Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync())).Error);
    }
}
