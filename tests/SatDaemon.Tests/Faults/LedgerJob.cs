using System.Globalization;
using SatDaemon.Database.Jobs;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Faults;

/// <summary>
/// The fault tests' job command: a small POSIX shell script, written by the test into the scratch dir (readable and
/// writable by both ssh users), that keeps its own ledger outside the database (<see cref="Ledger"/>). Per run it
/// appends <c>start TARGET JOBID PID EPOCH_NS</c> to TARGET's ledger file, sleeps, optionally forks grandchildren,
/// reports progress once with <c>satdaemon-tools job progress</c>, writes its output and appends
/// <c>end TARGET JOBID PID EPOCH_NS</c>; on SIGTERM it appends <c>stop …</c> and exits 143. It also notes which SSH
/// connection launched it (<see cref="Connections"/>).
/// Every process of a run carries <see cref="Marker"/> on its command line (the script path lies under a folder named
/// after it; its sleeps run through symlinks named MARKER.TARGET.JOBID.sleep), so <see cref="ProcessCensus"/> finds
/// them all, whichever user runs them.
/// The mode argument picks what the run does beside sleeping (substring match, so a frame id can be the mode):
/// <c>FAIL</c> exit 3 (after its end line); <c>DIE</c> SIGKILL itself (after its end line); <c>FORK</c> leave a
/// grandchild <c>sleep 600</c> running; <c>STUBBORN</c> leave two grandchildren that ignore SIGTERM (a subshell
/// exec'ing sleep, and a child <c>sh -c</c>), so only SIGKILL ends them.
/// </summary>
internal sealed class LedgerJob
{
    private LedgerJob(string dir, string marker)
    {
        Dir = dir;
        Marker = marker;
    }

    /// <summary>Unique per test run; on the command line of every process the runs start.</summary>
    public string Marker { get; }
    public string Dir { get; }
    public string LedgerDir => Path.Combine(Dir, "ledger");
    public string Script => Path.Combine(Dir, "ledger-job.sh");

    /// <param name="progress">false: no `job progress` report (a dotnet start per run), for tests with many runs.</param>
    public static LedgerJob Create(bool progress = true)
    {
        var marker = "sdtledger" + Guid.NewGuid().ToString("N")[..10];
        var dir = Path.Combine(SshMachines.Scratch, marker);
        var job = new LedgerJob(dir, marker);
        foreach (var d in new[] { dir, job.LedgerDir, Path.Combine(dir, "bin") })
        {
            Directory.CreateDirectory(d);
            // Sticky and world-writable like the scratch dir: runs of either ssh user append to the same files.
            File.SetUnixFileMode(d, (UnixFileMode)0x3FF);
        }
        File.WriteAllText(job.Script, job.ScriptText(progress));
        File.SetUnixFileMode(job.Script, (UnixFileMode)0x1ED); // 755
        return job;
    }

    private string ScriptText(bool progress)
    {
        var q = global::SatDaemon.Machines.ShellQuote.Quote;
        var tools = TestBinaries.ToolsDll;
        var report = progress
            ? $"dotnet {q(tools)} job progress 50 'ledger job half-way' >/dev/null 2>&1 || true"
            : ": no progress report";
        return $$"""
            #!/bin/sh
            # Fault-test ledger job (SatDaemon.Tests LedgerJob). Arguments: TARGET SECONDS MODE [OUTPUT]
            target=$1 secs=$2 mode=$3 out=${4:-}
            dir={{q(Dir)}}
            marker={{q(Marker)}}
            # Ledger files are shared by the ssh users (a retry may run as the other one).
            umask 000
            ledger="$dir/ledger/$target.ledger"
            job=${SATDAEMON_JOB_ID:-none}
            now() { date +%s%N; }
            echo "start $target $job $$ $(now)" >>"$ledger"
            # Which connection launched the run: over ssh the client's address and port, one per daemon machine.
            echo "$job $$ ${SSH_CONNECTION:-local}" >>"$dir/ledger/connections"
            trap 'echo "stop $target $job $$ $(now)" >>"$ledger"; exit 143' TERM
            # Every sleep of this run runs through a symlink whose name carries the marker, target and job.
            sleeper="$dir/bin/$marker.$target.$job.sleep"
            ln -s /bin/sleep "$sleeper" 2>/dev/null || true
            case $mode in
                *STUBBORN*)
                    (trap '' TERM; exec "$sleeper" 600) &
                    sh -c 'trap "" TERM; "$1" 600; "$1" 600' ledger-grandchild "$sleeper" &
                    ;;
                *FORK*)
                    "$sleeper" 600 &
                    ;;
            esac
            {{report}}
            # In the background and waited for, so a SIGTERM runs the trap at once.
            "$sleeper" "$secs" &
            wait $!
            case $mode in
                *FAIL*) echo "end $target $job $$ $(now) exit=3" >>"$ledger"; exit 3 ;;
                *DIE*) echo "end $target $job $$ $(now) sigkill" >>"$ledger"; kill -9 $$ ;;
            esac
            if [ -n "$out" ]; then mkdir -p "$(dirname "$out")" && echo "$target $job" >"$out"; fi
            echo "end $target $job $$ $(now)" >>"$ledger"
            exit 0

            """.Replace("\r\n", "\n");
    }

    /// <summary>The ledger's target of a job of <paramref name="type"/> as a command template word.</summary>
    public static string TargetTemplate(string type) => type switch
    {
        "coherence" or "unwrap" => type + "_{frame}_{date1}_{date2}",
        "timeseries" or "ingest" => type + "_{frame}",
        _ => type + "_{frame}_{date}",
    };

    /// <summary>The ledger's target of a download of <paramref name="frame"/> at <paramref name="date"/>.</summary>
    public static string DownloadTarget(string frame, DateOnly date) =>
        "download_" + frame + "_" + date.ToString(JobPlaceholders.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Every download target of frames added with <see cref="DaemonTestBed.AddFrameAsync"/>.</summary>
    public static List<string> DownloadTargets(string frame, IEnumerable<DateOnly> dates) => dates.Select(d => DownloadTarget(frame, d)).ToList();

    /// <summary>A job type command: the script under /bin/sh, sleeping <paramref name="seconds"/>, with <paramref name="mode"/>.</summary>
    public string Command(string type, double seconds, string mode = "plain") =>
        $"/bin/sh {Script} {TargetTemplate(type)} {seconds.ToString(CultureInfo.InvariantCulture)} {mode} {DaemonTestBed.OutputsFor(type)}";

    /// <summary>Sets every job type of <paramref name="c"/> to run this script.</summary>
    public void Configure(ConfigText c, double seconds, string mode = "plain")
    {
        foreach (var type in ConfigText.DefaultJobTypes) c.Set("JOB:" + type, "command", Command(type, seconds, mode));
    }

    public Ledger Read() => Ledger.Read(LedgerDir);

    /// <summary>
    /// Per run (job id, pid), the SSH connection that launched it, as `$SSH_CONNECTION` reads in the run ("client-address
    /// client-port server-address server-port"), or "local". The daemon holds one SSH connection per machine, so the
    /// client port tells the machines apart without asking the daemon.
    /// </summary>
    public Dictionary<(string JobId, int Pid), string> Connections()
    {
        var path = Path.Combine(LedgerDir, "connections");
        var result = new Dictionary<(string, int), string>();
        if (!File.Exists(path)) return result;
        foreach (var line in File.ReadAllLines(path))
        {
            var w = line.Split(' ', 3);
            if (w.Length == 3 && int.TryParse(w[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) result[(w[0], pid)] = w[2];
        }
        return result;
    }

    /// <summary>SIGKILLs what is left of this test's runs (processes carrying the marker), then removes the folder.</summary>
    public void Cleanup()
    {
        foreach (var p in ProcessCensus.Take(Marker)) ProcessCensus.TryKill(p.Pid);
        try { Directory.Delete(Dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
