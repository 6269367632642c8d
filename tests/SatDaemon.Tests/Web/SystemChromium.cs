namespace SatDaemon.Tests.Web;

/// <summary>
/// Debian's chromium and chromium-driver (tests/services/start.sh installs them). Selenium is pointed at both, so it
/// never looks for or downloads a browser of its own.
/// </summary>
public static class SystemChromium
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public static bool Installed => File.Exists(Browser) && File.Exists(Driver);
}
