using SatDaemon.Configuration;

namespace SatDaemon.Tests.Web;

/// <summary>[WEB] in satdaemon.cfg: optional, listen as HOST:PORT, errors that name the key.</summary>
public class WebConfigFacts
{
    private const string Base = "[PARAMETERS]\ndatabase = sqlite:///x.db\n[PROC_MACHINES]\nnames = m\n[PROC_MACHINES:m]\ntransport = local\ncpus = 1\nmemory = 1\n";

    [Fact]
    public void Without_a_web_section_the_daemon_serves_no_console()
    {
        var config = ConfigLoader.Parse("/x/satdaemon.cfg", Base);

        Assert.Null(config.Web.Listen);
        Assert.False(config.Web.ReadOnly);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("0.0.0.0:9000", "0.0.0.0", 9000)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("localhost:0", "localhost", 0)]
    public void Listen_is_host_and_port(string text, string host, int port)
    {
        var config = ConfigLoader.Parse("/x/satdaemon.cfg", Base + $"[WEB]\nlisten = {text}\nread_only = true\nusers_file = /etc/satdaemon/users\n");

        Assert.Equal(new ListenAddress(host, port), config.Web.Listen);
        Assert.True(config.Web.ReadOnly);
        Assert.Equal("/etc/satdaemon/users", config.Web.UsersFile);
    }

    [Theory]
    [InlineData("listen = 8080", "listen")]
    [InlineData("listen = host:99999", "listen")]
    [InlineData("read_only = maybe", "read_only")]
    public void A_malformed_key_names_the_section_and_key(string line, string key)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("/x/satdaemon.cfg", Base + "[WEB]\n" + line + "\n"));

        Assert.Contains("[WEB]", e.Message);
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void The_shipped_config_documents_the_web_keys_and_serves_nothing_by_default()
    {
        var config = ConfigLoader.Load(Infrastructure.RepoPaths.ShippedConfig);

        Assert.Null(config.Web.Listen);
        var text = File.ReadAllText(Infrastructure.RepoPaths.ShippedConfig);
        Assert.Contains("[WEB]", text);
        foreach (var key in new[] { "listen =", "read_only =", "users_file =" }) Assert.Contains(key, text);
    }
}
