using SatDaemon.Control.Teams;

namespace SatDaemon.Tests.Teams;

public sealed class TeamsOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndDisabled()
    {
        var options = new TeamsOptions();
        options.Validate();
        Assert.False(options.IsEnabled);
        Assert.Equal(TeamsFormat.AdaptiveCard, options.Format);
        Assert.Equal(TimeSpan.FromSeconds(60), options.DigestWindow);
        Assert.Equal(3, options.MaxMessagesPerWindow);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Equal(1000, options.MaxQueue);
        Assert.Equal(5, options.MaxAttempts);
    }

    [Fact]
    public void BadUrl_IsRejectedWithoutEchoingIt()
    {
        var options = new TeamsOptions { WebhookUrl = "ftp://example.invalid/" + TeamsTestMessages.SecretMarker };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.DoesNotContain(TeamsTestMessages.SecretMarker, error.ToString());
    }

    [Theory]
    [InlineData(nameof(TeamsOptions.MaxAttempts))]
    [InlineData(nameof(TeamsOptions.MaxQueue))]
    [InlineData(nameof(TeamsOptions.MaxMessagesPerWindow))]
    [InlineData(nameof(TeamsOptions.DigestWindow))]
    [InlineData(nameof(TeamsOptions.Timeout))]
    public void NonPositiveLimits_AreRejected(string property)
    {
        var options = new TeamsOptions();
        switch (property)
        {
            case nameof(TeamsOptions.MaxAttempts): options.MaxAttempts = 0; break;
            case nameof(TeamsOptions.MaxQueue): options.MaxQueue = 0; break;
            case nameof(TeamsOptions.MaxMessagesPerWindow): options.MaxMessagesPerWindow = 0; break;
            case nameof(TeamsOptions.DigestWindow): options.DigestWindow = TimeSpan.Zero; break;
            case nameof(TeamsOptions.Timeout): options.Timeout = TimeSpan.FromSeconds(-1); break;
        }

        Assert.Equal(property, Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }
}
