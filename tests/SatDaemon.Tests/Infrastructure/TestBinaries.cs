namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// Where tests find the satdaemon and satdaemon-tools they start as real processes. The suite starts hundreds of
/// them (every simulated job is job exec plus job simulate), and JIT start-up was most of its time on two cores,
/// so test.sh publishes both ReadyToRun and names the folder in SATDAEMON_TEST_BIN. Without it, or when that copy
/// is older than the build next to the tests (a stale publish must never be tested), the build output is used.
/// </summary>
public static class TestBinaries
{
    public const string EnvVar = "SATDAEMON_TEST_BIN";

    private static readonly Lazy<string> DirPath = new(Resolve);

    public static string Dir => DirPath.Value;

    public static string ToolsDll => Path.Combine(Dir, "satdaemon-tools.dll");

    public static string DaemonDll => Path.Combine(Dir, "satdaemon.dll");

    /// <summary>Names the published native job exec (satdaemon-job-exec); test.sh publishes it once and sets this.</summary>
    public const string JobExecEnvVar = "SATDAEMON_TEST_JOB_EXEC";

    private static readonly Lazy<string?> JobExecPath = new(ResolveJobExec);

    /// <summary>
    /// The native job exec the tests run wherever job exec runs (direct `job exec` runs and the daemon's launches, as
    /// [PARAMETERS] job_exec); null without one (the .NET job exec of satdaemon-tools runs then). A copy older than
    /// the build of the code it shares (SatDaemon.JobRecords) is never tested.
    /// </summary>
    public static string? JobExec => JobExecPath.Value;

    private static string? ResolveJobExec()
    {
        if (Environment.GetEnvironmentVariable(JobExecEnvVar) is not { Length: > 0 } path) return null;
        var native = new FileInfo(path);
        var shared = new FileInfo(Path.Combine(AppContext.BaseDirectory, "SatDaemon.JobRecords.dll"));
        if (!native.Exists || (shared.Exists && native.LastWriteTimeUtc < shared.LastWriteTimeUtc))
        {
            Console.Error.WriteLine($"{JobExecEnvVar}={path}: missing or older than the build; job exec runs as satdaemon-tools job exec");
            return null;
        }
        return native.FullName;
    }

    private static string Resolve()
    {
        var built = AppContext.BaseDirectory;
        if (Environment.GetEnvironmentVariable(EnvVar) is not { Length: > 0 } published) return built;
        foreach (var dll in new[] { "satdaemon-tools.dll", "satdaemon.dll", "SatDaemon.Database.dll", "SatDaemon.Control.dll" })
        {
            var copy = new FileInfo(Path.Combine(published, dll));
            var original = new FileInfo(Path.Combine(built, dll));
            if (!copy.Exists || (original.Exists && copy.LastWriteTimeUtc < original.LastWriteTimeUtc))
            {
                Console.Error.WriteLine($"{EnvVar}={published}: {dll} is missing or older than the build; using {built}");
                return built;
            }
        }
        return Path.GetFullPath(published);
    }
}
