using Microsoft.Extensions.Time.Testing;
using SatDaemon.Machines;

namespace SatDaemon.Tests.Machines;

/// <summary>
/// The machine back-off the README promises: after a failure a machine is left alone for 30 s, then 1, 2, 4 minutes,
/// at most 5, and the first answer puts it back at once.
/// </summary>
public sealed class MachineHealthFacts
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 300)]
    [InlineData(12, 300)]
    [InlineData(70, 300)]
    public void The_nth_failure_in_a_row_leaves_the_machine_alone_for_the_documented_wait(int failures, int seconds)
    {
        var health = new MachineHealth(_time);
        for (var i = 0; i < failures; i++) health.RecordFailure("connection refused");
        var failedAt = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        var tooEarly = health.MayTry;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(tooEarly, $"tried again before {seconds} s after failure {failures}");
        Assert.True(health.MayTry, $"not tried again {seconds} s after failure {failures}");
        Assert.Equal(failedAt + TimeSpan.FromSeconds(seconds), health.RetryAt);
    }

    [Fact]
    public void Only_the_failure_that_takes_a_machine_out_and_the_answer_that_brings_it_back_are_news()
    {
        var health = new MachineHealth(_time);

        Assert.True(health.Available);
        Assert.False(health.RecordSuccess());
        Assert.True(health.RecordFailure("no route to host"));
        Assert.False(health.RecordFailure("still no route"));
        Assert.Equal((false, "still no route", 2), (health.Available, health.Reason, health.Failures));
        Assert.True(health.RecordSuccess());
        Assert.Equal((true, (string?)null, 0), (health.Available, health.Reason, health.Failures));
        Assert.True(health.MayTry);
    }

    [Fact]
    public void After_coming_back_the_next_failure_starts_again_at_thirty_seconds()
    {
        var health = new MachineHealth(_time);
        for (var i = 0; i < 4; i++) health.RecordFailure("timeout");
        health.RecordSuccess();

        health.RecordFailure("timeout");

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), health.RetryAt);
    }
}
