using Microsoft.Extensions.Time.Testing;
using SatDaemon.Control.Teams;

namespace SatDaemon.Tests.Teams;

/// <summary>Burst window rules on a fake clock, so window edges are exact.</summary>
public sealed class TeamsBurstWindowTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void FirstMessagesGoOut_RestIsHeldUntilWindowEnd()
    {
        var burst = new TeamsBurstWindow(TimeSpan.FromSeconds(60), 3, _time);

        Assert.Equal([true, true, true, false, false], Enumerable.Range(1, 5).Select(i => burst.Admit(TeamsTestMessages.JobFailure(i))));
        Assert.Equal(2, burst.HeldCount);
        Assert.False(burst.IsDigestDue);
        Assert.Equal(TimeSpan.FromSeconds(60), burst.TimeUntilDigest);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(burst.IsDigestDue);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(burst.IsDigestDue);
        Assert.Equal(2, burst.TakeHeld().Count);
        Assert.False(burst.HasHeld);
    }

    [Fact]
    public void NewWindowStartsWithFirstMessageAfterTheOldOneEnded()
    {
        var burst = new TeamsBurstWindow(TimeSpan.FromSeconds(10), 1, _time);
        Assert.True(burst.Admit(TeamsTestMessages.JobFailure(1)));
        Assert.False(burst.Admit(TeamsTestMessages.JobFailure(2)));

        _time.Advance(TimeSpan.FromSeconds(30));
        burst.TakeHeld();
        Assert.True(burst.Admit(TeamsTestMessages.JobFailure(3)));
        Assert.False(burst.Admit(TeamsTestMessages.JobFailure(4)));
        Assert.Equal(TimeSpan.FromSeconds(10), burst.TimeUntilDigest);
    }

    [Fact]
    public void TakingHeldEarly_KeepsTheWindowLimit()
    {
        var burst = new TeamsBurstWindow(TimeSpan.FromSeconds(10), 1, _time);
        burst.Admit(TeamsTestMessages.JobFailure(1));
        burst.Admit(TeamsTestMessages.JobFailure(2));
        burst.TakeHeld(); // e.g. a flush

        Assert.False(burst.Admit(TeamsTestMessages.JobFailure(3)));
    }
}
