using SatDaemon.Control.Teams;

namespace SatDaemon.Tests.Teams;

public sealed class TeamsWebhookResolverTests
{
    private static Func<string, string?> Env(string? value) =>
        name => name == TeamsWebhookResolver.EnvironmentVariable ? value : null;

    [Fact]
    public void ConfiguredUrl_WinsOverEnvironment() =>
        Assert.Equal("https://a.example/x", TeamsWebhookResolver.Resolve("https://a.example/x", Env("https://b.example/y")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyConfiguration_FallsBackToEnvironment(string? configured) =>
        Assert.Equal("https://b.example/y", TeamsWebhookResolver.Resolve(configured, Env(" https://b.example/y ")));

    [Fact]
    public void NothingAnywhere_MeansDisabled() =>
        Assert.Null(TeamsWebhookResolver.Resolve(null, Env("")));
}
