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

    /// <summary>Skip only on a developer's machine without the services; where start.sh ran (or in CI) a missing browser is a failure.</summary>
    public static string? SkipReason =>
        Installed || ServicesUp || Infrastructure.TestEnvironment.IsCi
            ? null
            : $"{Browser} or {Driver} missing: apt-get install chromium chromium-driver (tests/services/start.sh does)";

    private static bool ServicesUp => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SATDAEMON_TEST_SERVICES_DIR"));
}
