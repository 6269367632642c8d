using System.Globalization;
using SatDaemon.Database.Jobs;

namespace SatDaemon.Machines;

/// <summary>
/// The shell command lines the daemon sends to machines. Pure, so they can be tested word by word;
/// every variable part is single-quoted (<see cref="ShellQuote"/>).
/// </summary>
public static class RemoteCommands
{
    /// <summary>
    /// Starts job exec detached (own session, immune to hangups, no terminal), output appended to the log,
    /// and prints its pid. The mkdir comes first as a separate statement so that $! is job exec's own pid.
    /// The log is created before the redirection, in a subshell with a tighter umask, so it is born
    /// <see cref="JobFileMode.OwnerWriteGroupRead"/> while the job itself keeps the login's umask for its outputs.
    /// </summary>
    public static string Launch(string toolsPath, string configPath, long jobId, string logPath, IReadOnlyList<string> argv)
    {
        var logDir = Path.GetDirectoryName(logPath) ?? "/tmp";
        var q = ShellQuote.Quote;
        return $"mkdir -p {q(logDir)} || exit 97; "
             + $"(umask {JobFileMode.ShellUmask} && : >> {q(logPath)}) || exit 97; "
             + $"setsid nohup {ToolsWords(toolsPath)} job exec --job-id {jobId.ToString(CultureInfo.InvariantCulture)} -d {q(configPath)} --log {q(logPath)} -- {ShellQuote.Join(argv)}"
             + $" >> {q(logPath)} 2>&1 < /dev/null & echo $!";
    }

    /// <summary>satdaemon_tools may name the apphost or, where there is none (the demo, a framework-dependent copy), the .dll.</summary>
    private static string ToolsWords(string toolsPath) =>
        toolsPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "dotnet " + ShellQuote.Quote(toolsPath) : ShellQuote.Quote(toolsPath);

    /// <summary>Every process with its full command line; the daemon picks out job exec processes itself.</summary>
    public const string ListProcesses = "ps -eo pid=,args=";

    public static string ReadFile(string path) => $"cat {ShellQuote.Quote(path)} 2>/dev/null; true";

    public static string FileExists(string path) => $"if [ -e {ShellQuote.Quote(path)} ]; then echo yes; else echo no; fi";

    /// <summary>Signals the job's whole process group (job exec is its session leader), then the process itself.</summary>
    public static string Kill(int pid, string signal = "TERM") =>
        $"kill -{signal} -- -{pid} 2>/dev/null; kill -{signal} {pid} 2>/dev/null; true";

    /// <summary>Job id → pid of every `satdaemon-tools job exec --job-id N` process in `ps -eo pid=,args=` output.</summary>
    public static Dictionary<long, int> ParseJobProcesses(string psOutput)
    {
        var result = new Dictionary<long, int>();
        foreach (var line in psOutput.Split('\n'))
        {
            var t = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (t.Length < 5 || !int.TryParse(t[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            // args start at t[1]: "<tools> job exec --job-id N" or "dotnet <tools.dll> job exec --job-id N".
            // Only those leading positions count, so a job's own arguments can never pose as a job exec.
            for (var i = 2; i <= 3 && i + 3 < t.Length; i++)
            {
                if (t[i] == "job" && t[i + 1] == "exec" && t[i + 2] == "--job-id"
                    && long.TryParse(t[i + 3], NumberStyles.None, CultureInfo.InvariantCulture, out var jobId))
                {
                    result[jobId] = pid;
                    break;
                }
            }
        }
        return result;
    }
}
