namespace SatDaemon.Bench;

/// <summary>
/// Where the real satdaemon and satdaemon-tools the bench starts come from: --bin DIR, else $SATDAEMON_TEST_BIN (the
/// ReadyToRun copy test.sh publishes, as deployed), else the bench's own build output (plain JIT, slower to start).
/// </summary>
public static class BenchBinaries
{
    private static string? _dir;

    public static void Use(string? dir) => _dir = dir;

    public static string Dir => _dir ??= Pick();

    public static string Daemon => Path.Combine(Dir, "satdaemon.dll");

    public static string Tools => Path.Combine(Dir, "satdaemon-tools.dll");

    /// <summary>"ReadyToRun copy in X" or "build output": said beside every figure that starts a process.</summary>
    public static string Describe => Dir == Path.GetFullPath(AppContext.BaseDirectory) ? "plain build output (JIT)" : $"binaries of {Dir}";

    private static string Pick()
    {
        if (Environment.GetEnvironmentVariable("SATDAEMON_TEST_BIN") is { Length: > 0 } env && Complete(env)) return Path.GetFullPath(env);
        return Path.GetFullPath(AppContext.BaseDirectory);
    }

    public static bool Complete(string dir) =>
        File.Exists(Path.Combine(dir, "satdaemon.dll")) && File.Exists(Path.Combine(dir, "satdaemon-tools.dll"));
}
