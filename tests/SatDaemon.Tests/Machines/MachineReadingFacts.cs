using System.Diagnostics;
using System.Globalization;
using SatDaemon.JobProtocol;
using SatDaemon.Machines;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Machines;

/// <summary>
/// The reconcile's one command per machine, run by real dash and real bash: the `ps` reading comes back as before, and
/// for each listed job whose job exec is not running, its spool file and the end of its log come with it. What the
/// files hold is read from disk by the test, not from anything the code under test reports.
/// </summary>
public sealed class MachineReadingFacts
{
    private const string Us = "a1b2c3d4e5f60718";

    [Theory]
    [InlineData("/bin/dash")]
    [InlineData("/bin/bash")]
    public async Task One_command_reads_the_processes_and_the_files_of_the_jobs_that_are_gone(string shell)
    {
        using var dir = new TempDirectory();
        var alive = (Id: 7L, Log: dir.Path("job 7.log"));
        var spooled = (Id: 8L, Log: dir.Path("job'8.log"));
        var nothing = (Id: 9L, Log: dir.Path("job9.log"));
        var noSpool = (Id: 10L, Log: dir.Path("job10.log"));
        // A running "job exec" of ours: a shell whose command line reads as one to `ps` (args after -c are $0, $1, …).
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var a in new[] { "-c", "sleep 60; true", "job", "exec", "--instance", Us, "--job-id", "7", "-d", "/c.cfg", "--log", alive.Log })
            psi.ArgumentList.Add(a);
        using var jobExec = Process.Start(psi)!;
        try
        {
            await File.WriteAllTextAsync(JobOutcomeFile.PathFor(alive.Log), "{\"not\": \"read while job exec runs\"}");
            await File.WriteAllTextAsync(alive.Log, "running\n");
            const string spool = "{\"jobId\":8,\"success\":true}\n";
            await File.WriteAllTextAsync(JobOutcomeFile.PathFor(spooled.Log), spool);
            // 60 lines, the last without a newline, one posing as a section of the answer.
            var lines = Enumerable.Range(1, 60).Select(i => i == 55 ? "@@0123456789abcdef 7 spool" : $"line {i}").ToList();
            await File.WriteAllTextAsync(spooled.Log, string.Join('\n', lines));
            await File.WriteAllTextAsync(noSpool.Log, "one line\n");
            await WaitFor.UntilAsync(() => File.Exists($"/proc/{jobExec.Id}/cmdline"), TimeSpan.FromSeconds(5));

            var marker = Guid.NewGuid().ToString("N");
            var jobs = new[] { alive, spooled, nothing, noSpool }.Select(j => (j.Id, j.Log)).ToList();
            var r = await ShellCommand.RunAsync(shell, RemoteCommands.Reconcile(Us, marker, jobs));
            var reading = MachineReading.Parse(r.Stdout, marker);

            Assert.True(r.Exit == 0, $"{shell}: {r}");
            Assert.Equal(jobExec.Id, reading.Processes.JobExecPid(Us, 7, null));
            // The command's own line (its shell shows in its `ps`) names every job, yet none reads as a job exec.
            foreach (var id in new[] { 8L, 9L, 10L }) Assert.Null(reading.Processes.JobExecPid(Us, id, null));
            Assert.Null(reading.FilesOf(7));
            var s = reading.FilesOf(8)!;
            Assert.Equal(spool, s.Spool);
            Assert.True(s.LogExists);
            // What the daemon keeps of a log is its last 40 lines (ProcDaemon.Tail): the same from the sent end as from the file.
            Assert.Equal(Last40(await File.ReadAllTextAsync(spooled.Log)), Last40(s.LogTail!));
            Assert.Equal(new GoneJobFiles(null, false, null), reading.FilesOf(9));
            Assert.Equal(new GoneJobFiles(null, true, "one line\n"), reading.FilesOf(10));
        }
        finally
        {
            jobExec.Kill();
        }
    }

    [Fact]
    public async Task A_machine_that_cannot_list_its_processes_is_a_failed_command()
    {
        // ps missing (PATH emptied) must not pass as a machine with no processes: every job would look gone.
        var line = "PATH=/nonexistent; " + RemoteCommands.Reconcile(Us, "abc", [(1, "/tmp/x.log")]);
        var r = await ShellCommand.RunAsync("/bin/sh", line);
        Assert.NotEqual(0, r.Exit);
    }

    [Fact]
    public void An_answer_cut_off_inside_a_job_falls_back_to_reading_its_files_one_by_one()
    {
        var answer = "  100   100 Ss   /bin/x\n@@m1 8 spool\n{}\n\n@@m1 8 log\nyes\nend\n\n@@m1 9 spool\n\n";
        var reading = MachineReading.Parse(answer, "m1");
        Assert.Equal(1, reading.Processes.SessionSize(100));
        Assert.Equal(new GoneJobFiles("{}\n", true, "end\n"), reading.FilesOf(8));
        Assert.Null(reading.FilesOf(9));
    }

    private static string Last40(string log)
    {
        var lines = log.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 40)));
    }
}
