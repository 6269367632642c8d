using SatDaemon.Control.Jobs;

namespace SatDaemon.Tests.Jobs;

public sealed class ExitStatusTests
{
    [Theory]
    [InlineData(0, null, "ok")]
    [InlineData(3, null, "exit code 3")]
    [InlineData(128, null, "exit code 128")]
    // .NET reports a child killed by signal N as 128+N: 137 = 128 + 9
    [InlineData(137, 9, "killed by signal 9 (SIGKILL)")]
    // 143 = 128 + 15
    [InlineData(143, 15, "killed by signal 15 (SIGTERM)")]
    // 192 = 128 + 64, the last real-time signal; 193 is beyond any signal
    [InlineData(192, 64, "killed by signal 64")]
    [InlineData(193, null, "exit code 193")]
    public void Exit_codes_above_128_are_read_as_signals(int code, int? signal, string text)
    {
        var status = ExitStatus.FromExitCode(code);
        Assert.Equal(signal, status.Signal);
        Assert.Equal(text, status.Describe());
        Assert.Equal(code == 0, status.Success);
    }

    [Fact]
    public void A_command_that_cannot_start_ends_with_127()
    {
        var status = ExitStatus.CannotStart("/x: No such file or directory");
        Assert.Equal(127, status.ExitCode);
        Assert.False(status.Success);
        Assert.Equal("cannot start: /x: No such file or directory", status.Describe());
    }
}
