using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Providers;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Configuration;

/// <summary>A database password in the URL's query string is a secret exactly like one in its userinfo.</summary>
public class ConfigSecurityFacts
{
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData("postgresql://sat:s3cret@db/sat", true)]
    [InlineData("postgresql://sat@db/sat?password=s3cret", true)]
    [InlineData("postgresql://sat@db/sat?sslmode=require&Password=s3cret", true)]
    [InlineData("postgresql://sat@db/sat?PWD=s3cret", true)]
    [InlineData("postgresql://sat@db/sat?psw=s3cret", true)]
    [InlineData("postgresql://sat@db/sat?pass%77ord=s3cret", true)] // escaped key, as Parse unescapes it
    [InlineData("postgresql://sat@db/sat?sslmode=require", false)]
    [InlineData("postgresql://sat@db/sat", false)]
    [InlineData("sqlite:///sat.db", false)]
    public void Password_in_userinfo_or_query_string_is_seen(string url, bool holds)
    {
        Assert.Equal(holds, DatabaseAddress.HoldsPassword(url));
    }

    [Theory]
    [InlineData("postgresql://sat@db/sat?password=s3cret")]
    [InlineData("postgresql://sat@db/sat?sslmode=disable&pwd=s3cret")]
    public void Readable_config_with_a_query_string_password_gets_the_warning_and_a_private_one_does_not(string url)
    {
        using var cfg = TempConfig.Write(new ConfigText(database: url));

        File.SetUnixFileMode(cfg.Path, Mode644);
        var warning = Assert.Single(ConfigSecurity.Warnings(ConfigLoader.Load(cfg.Path)));
        File.SetUnixFileMode(cfg.Path, Mode600);
        var none = ConfigSecurity.Warnings(ConfigLoader.Load(cfg.Path));

        Assert.Contains("chmod 600", warning);
        Assert.DoesNotContain("s3cret", warning);
        Assert.Empty(none);
    }

    [Fact]
    public void Query_string_password_reaches_the_connection_and_never_the_display_name()
    {
        using var cfg = TempConfig.Write(new ConfigText(database: "postgresql://sat@db:5433/sat?password=s3cret"));
        var config = ConfigLoader.Load(cfg.Path);

        var url = SatDbFactory.FromConfig(config).Url;

        Assert.Contains("Password=s3cret", url.ConnectionString);
        Assert.Equal("postgresql sat@db:5433/sat", url.DisplayName);
        Assert.DoesNotContain("s3cret", url.ToString());
        Assert.DoesNotContain("s3cret", config.Parameters.ToString());
    }

    [Fact]
    public async Task Tools_warn_about_a_readable_config_with_a_query_string_password_and_never_print_it()
    {
        // Nothing listens on the port: the command fails after the warning, and its error line must not leak either.
        using var cfg = TempConfig.Write(new ConfigText(database: $"postgresql://sat@127.0.0.1:{FreePort.Next()}/sat?password=s3cret"));
        File.SetUnixFileMode(cfg.Path, Mode644);

        var result = await ToolProcess.RunAsync("ctl", "status", "-d", cfg.Path);

        Assert.Contains("warning: " + cfg.Path + " holds a password", result.Stderr);
        Assert.DoesNotContain("s3cret", result.Stdout + result.Stderr);
    }
}
