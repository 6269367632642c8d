namespace SatDaemon.Tests.Daemon;

/// <summary>The two real sshd "machines" on 127.0.0.1 that tests/services/start.sh starts, read from its environment.</summary>
public static class SshMachines
{
    public static string Host => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_HOST") ?? "127.0.0.1";
    public static IReadOnlyList<int> Ports => (Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_PORTS") ?? "52201,52202")
        .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
    public static string User => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_USER") ?? "satjobs";
    public static string? Key => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_KEY");
    public static string? KnownHosts => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_KNOWN_HOSTS");
    public static string? OtherHostKey => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_OTHER_HOST_KEY");
    public static string Scratch => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SCRATCH") ?? Path.GetTempPath();
    public static IReadOnlyList<string> SshdPidFiles => (Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSHD_PIDFILES") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
    public static IReadOnlyList<string> SshdConfigs => (Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSHD_CONFIGS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static bool Available => Key is not null && File.Exists(Key) && KnownHosts is not null;
}
