using System.Globalization;
using SatDaemon.Database.Jobs;
using SatDaemon.JobProtocol;

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
    public static string Launch(string toolsPath, string configPath, string instance, long jobId, string logPath, IReadOnlyList<string> argv)
    {
        if (!InstanceIdentity.IsValid(instance)) throw new ArgumentException($"not an installation identity: '{instance}'", nameof(instance));
        var logDir = Path.GetDirectoryName(logPath) ?? "/tmp";
        var q = ShellQuote.Quote;
        // The log must be writable before job exec is backgrounded: a failed redirection would still print a pid
        // (job exec never starting), and the job would be queued again and again instead of failing once.
        return $"mkdir -p {q(logDir)} || exit 97; (umask {JobFileMode.ShellUmask} && : >> {q(logPath)}) || exit 98; "
             + $"setsid nohup {ToolsWords(toolsPath)} job exec --instance {instance} --job-id {jobId.ToString(CultureInfo.InvariantCulture)} -d {q(configPath)} --log {q(logPath)} -- {ShellQuote.Join(argv)}"
             + $" >> {q(logPath)} 2>&1 < /dev/null & echo $!";
    }

    /// <summary>satdaemon_tools may name the apphost or, where there is none (the demo, a framework-dependent copy), the .dll.</summary>
    private static string ToolsWords(string toolsPath) =>
        toolsPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "dotnet " + ShellQuote.Quote(toolsPath) : ShellQuote.Quote(toolsPath);

    /// <summary>Every process with its session, state and full command line (see <see cref="MachineProcesses"/>).</summary>
    public const string ListProcesses = "ps -eo pid=,sid=,stat=,args=";

    /// <summary>
    /// The reconcile's one command per machine: the <see cref="ListProcesses"/> reading, then for every job of
    /// <paramref name="jobs"/> whose job exec does not show in it, what settling its end needs: its outcome spool file
    /// and whether its log exists with the log's last lines (<see cref="MachineReading"/> parses the answer). Which
    /// jobs are gone is judged in the shell by a plain text match; the daemon judges again from the `ps` lines
    /// (<see cref="MachineProcesses"/>) and reads anything the shell did not send with separate commands, so the
    /// shell's judgement only decides what is sent, never what is concluded. Nothing in this command line may read
    /// as a job exec to `ps` (the shell running it shows in its own reading): the pattern is put together from
    /// variables, and <paramref name="marker"/> (fresh per command) starts every section, so no file's content can
    /// pose as one.
    /// </summary>
    public static string Reconcile(string instance, string marker, IReadOnlyList<(long JobId, string LogPath)> jobs)
    {
        if (!InstanceIdentity.IsValid(instance)) throw new ArgumentException($"not an installation identity: '{instance}'", nameof(instance));
        if (marker.Length == 0 || !marker.All(char.IsAsciiLetterOrDigit)) throw new ArgumentException($"not a marker: '{marker}'", nameof(marker));
        var q = ShellQuote.Quote;
        var sb = new System.Text.StringBuilder();
        sb.Append($"p=$({ListProcesses}) || exit 1; printf '%s\\n' \"$p\"; i={instance}; m={marker}; ");
        // The log's last lines: one more than the 40 the daemon keeps, so that its tail of them is the tail of the whole file.
        sb.Append("g() { case \"$p\" in *\"job exec --instance $i --job-id $1 \"*) return;; esac; ");
        sb.Append("echo \"@@$m $1 spool\"; cat \"$2\" 2>/dev/null; echo; ");
        sb.Append($"echo \"@@$m $1 log\"; if [ -e \"$3\" ]; then echo yes; tail -n {ReconcileTailLines} \"$3\" 2>/dev/null; echo; else echo no; fi; }}");
        foreach (var (jobId, logPath) in jobs)
            sb.Append($"; g {jobId.ToString(CultureInfo.InvariantCulture)} {q(JobOutcomeFile.PathFor(logPath))} {q(logPath)}");
        return sb.ToString();
    }

    /// <summary>How many of a log's last lines the reconcile sends for a job that is gone (see <see cref="Reconcile"/>).</summary>
    private const int ReconcileTailLines = 41;

    public static string ReadFile(string path) => $"cat {ShellQuote.Quote(path)} 2>/dev/null; true";

    /// <summary>
    /// Removes one file job exec made (a settled outcome spool), only that path: `rm -f` so that a file already gone
    /// (job exec deleted it after all) is no error, and "--" so that no path reads as an option.
    /// </summary>
    public static string DeleteFile(string path) => $"rm -f -- {ShellQuote.Quote(path)}";

    public static string FileExists(string path) => $"if [ -e {ShellQuote.Quote(path)} ]; then echo yes; else echo no; fi";

    /// <summary>
    /// Signals every process of the session <paramref name="sid"/> (a job: job exec and all it started). Written for any
    /// POSIX login shell: dash's kill takes no "--" and no negative pid, so members are listed with ps and signalled
    /// one by one with positive pids. Zombies are skipped (they hold nothing). Prints how many were signalled.
    /// </summary>
    public static string SignalSession(int sid, string signal)
    {
        if (sid <= 1) throw new ArgumentOutOfRangeException(nameof(sid), sid, "not a job's session id");
        if (signal is not ("TERM" or "KILL")) throw new ArgumentOutOfRangeException(nameof(signal), signal, "TERM or KILL");
        var s = sid.ToString(CultureInfo.InvariantCulture);
        return $"n=0; for p in $(ps -eo pid=,sid=,stat= | awk -v s={s} '$2 == s && $3 !~ /^Z/ {{ print $1 }}'); do kill -s {signal} \"$p\" 2>/dev/null && n=$((n+1)); done; echo \"$n\"";
    }
}
