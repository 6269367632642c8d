using SatDaemon.Database.Jobs;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Jobs;

public sealed class JobOutcomeFileTests
{
    [Fact]
    public void The_json_shape_is_the_one_the_daemon_reads()
    {
        var outcome = new JobOutcomeFile(17, false, 137, 9, "killed by signal 9 (SIGKILL)", "a\n\"b\"");
        Assert.Equal("""{"jobId":17,"success":false,"exitCode":137,"signal":9,"error":"killed by signal 9 (SIGKILL)","logTail":"a\n\u0022b\u0022"}""", outcome.ToJson());
        Assert.Equal(outcome, JobOutcomeFile.Parse(outcome.ToJson()));
    }

    [Fact]
    public void The_usage_rides_in_the_spool_file_and_an_old_file_without_it_still_parses()
    {
        var outcome = new JobOutcomeFile(17, true, 0, null, null, "done", new JobUsage(12.5, 20, 512, 1.5, 100));
        var json = outcome.ToJson();
        Assert.EndsWith(""","usage":{"wallS":12.5,"cpuS":20,"peakRssMb":512,"readMb":1.5,"writeMb":100}}""", json);
        Assert.Equal(outcome, JobOutcomeFile.Parse(json));

        // Written by a job exec from before usage was measured: no "usage" key.
        var old = JobOutcomeFile.Parse("""{"jobId":17,"success":false,"exitCode":137,"signal":9,"error":"killed by signal 9 (SIGKILL)","logTail":"x"}""");
        Assert.Null(old.Usage);
        Assert.Equal(137, old.ExitCode);
    }

    [Fact]
    public void Write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("sdt-outcome-").FullName;
        try
        {
            var path = JobOutcomeFile.PathFor(Path.Combine(dir, "job-1.log"));
            Assert.EndsWith("job-1.log.outcome.json", path);
            new JobOutcomeFile(1, false, 1, null, "exit code 1", "x").Write(path);
            new JobOutcomeFile(1, true, 0, null, null, "y").Write(path);
            Assert.Equal(new JobOutcomeFile(1, true, 0, null, null, "y"), JobOutcomeFile.TryRead(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_spool_file_is_readable_by_owner_and_group_only()
    {
        using var dir = new TempDirectory();
        var path = JobOutcomeFile.PathFor(dir.Path("job-1.log"));

        new JobOutcomeFile(1, false, 1, null, "exit code 1", "the log's last lines").Write(path);

        Assert.Equal(PrivateFileMode.Octal(PrivateFileMode.Expected), PrivateFileMode.Of(path));
        Assert.Equal((byte)'{', File.ReadAllBytes(path)[0]); // plain JSON, no byte-order mark: the daemon reads it with cat
    }
}
