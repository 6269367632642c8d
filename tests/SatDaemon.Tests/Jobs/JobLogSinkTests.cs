using SatDaemon.Tests.Infrastructure;
using SatDaemon.Control.JobRuntime;

namespace SatDaemon.Tests.Jobs;

public sealed class JobLogSinkTests
{
    [Fact]
    public void A_new_log_is_readable_by_owner_and_group_only()
    {
        using var dir = new TempDirectory();
        var log = dir.Path("logs/job-7.log");
        var errors = new List<Exception>();

        using (var sink = new JobLogSink(log, errors.Add)) sink.Write("coregistering burst 1");

        Assert.Empty(errors);
        Assert.Equal("coregistering burst 1\n", File.ReadAllText(log));
        Assert.Equal(PrivateFileMode.Octal(PrivateFileMode.Expected), PrivateFileMode.Of(log));
    }
}
