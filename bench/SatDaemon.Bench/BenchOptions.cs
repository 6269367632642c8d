using System.Globalization;

namespace SatDaemon.Bench;

/// <summary>The size of the synthetic database and of each measurement.</summary>
public sealed record BenchScale(string Name, int Frames, int Dates, int Machines, int Zips, int Reporters,
    double OpenMin, double OpenMax, int Repeats)
{
    /// <summary>300 frames × 300 dates: ≈9·10^4 ifg, 2.7·10^5 rsar_ifg, ≈10^4 pending jobs, 40 machines.</summary>
    public static readonly BenchScale Default = new("default", 300, 300, 40, 200, 300, 0.04, 0.32, 3);

    /// <summary>30 frames × 60 dates, 10 machines, ≈10^3 pending jobs, 20 zips, 100 reporters: CI runs it after the tests.</summary>
    /// <summary>
    /// Issue 27's large console scale: 930 frames × 300 dates ≈ 3·10^4 pending jobs on 200 machines (the page aim is
    /// 500 ms there). Meant with --console-only: the other rows were not sized for it.
    /// </summary>
    public static readonly BenchScale Large = new("large", 930, 300, 200, 200, 300, 0.04, 0.32, 3);

    public static readonly BenchScale Small = new("small", 30, 60, 10, 20, 100, 0.30, 0.95, 3);
}

/// <summary>Command line: --scale default|small, --database URL (a server; the bench makes its own database there), ...</summary>
public sealed class BenchOptions
{
    public BenchScale Scale { get; private set; } = BenchScale.Default;
    public string DatabaseUrl { get; private set; } = Environment.GetEnvironmentVariable("SATDAEMON_TEST_PG_URL") ?? "";
    public string? Template { get; private set; }
    public bool Keep { get; private set; }
    /// <summary>Also measure reports with one connection pool per job, as separate job processes would have.</summary>
    public bool PoolPerJob { get; private set; }
    public string? Markdown { get; private set; }
    /// <summary>Only the scheduling figures: skips the console pages, the reporters and ingest (minutes at default scale).</summary>
    public bool Quick { get; private set; }
    /// <summary>Skip the real-daemon rows (runnable → launched, one frame end to end); --quick skips them too.</summary>
    public bool NoDaemon { get; private set; }
    /// <summary>Stop after the console pages (job list, scheduling and the console rows only): issue 27's page figures in minutes.</summary>
    public bool ConsoleOnly { get; private set; }
    /// <summary>How many runnable → launched samples the real-daemon run takes.</summary>
    public int WakeSamples { get; private set; } = 50;
    /// <summary>--job-exec N: also run N real job exec processes reporting their end at once (minutes; memory permitting).</summary>
    public int? JobExec { get; private set; }
    /// <summary>--wrapper-start N: issue 32's row, N runs of the native job exec one after another (0 skips it).</summary>
    public int WrapperStarts { get; private set; } = 20;
    /// <summary>--native-job-exec PATH: the published satdaemon-job-exec for that row (default $SATDAEMON_TEST_JOB_EXEC).</summary>
    public string? NativeJobExec { get; private set; }

    public const string Usage =
        """
        satdaemon-bench [--scale default|small|large] [--database postgresql://user:pw@host:port/any] [--frames N] [--dates N]
                        [--machines N] [--zips N] [--reporters N] [--template ZIP] [--pool-per-job] [--markdown FILE] [--keep] [--quick] [--console-only]
                        [--no-daemon] [--wake-samples N] [--job-exec N] [--bin DIR] [--wrapper-start N] [--native-job-exec PATH]
          Creates its own database (satdaemon_bench_XXXX) on the server of --database (default $SATDAEMON_TEST_PG_URL),
          fills it with bulk SQL, measures, prints a table and issue 18's aims, and drops the database (unless --keep).
          --quick: job list, floor and scheduling only (no console pages, reporters, ingest, real daemon, launches or reconcile).
          --console-only: stop after the console pages (data, job list, scheduling, console rows).
          --scale large: 930 frames × 300 dates (≈3·10^4 pending), 200 machines: issue 27's large console scale (with --console-only).
          --no-daemon: skip the real-daemon rows (runnable → launched over --wake-samples jobs, default 50; one frame
          end to end on the test sshd machines, measured only when SATDAEMON_TEST_SSH_* is set).
          --job-exec N: also N real `job exec` processes reporting their end at once (as many as half the free memory holds).
          --wrapper-start N: N runs (default 20, 0 skips) of the native job exec on real jobs: exec → the command's own
          start (median, p90) and the wrapper's resident memory while the command runs (also with --quick);
          --native-job-exec PATH: that satdaemon-job-exec (default $SATDAEMON_TEST_JOB_EXEC; without one the row says why).
          --bin DIR: the satdaemon and satdaemon-tools the real-daemon rows start (default $SATDAEMON_TEST_BIN, the
          ReadyToRun copy test.sh publishes, else the bench's own build output).
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var s = o.Scale;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--scale":
                    var name = Next();
                    s = name switch
                    {
                        "default" => BenchScale.Default,
                        "small" => BenchScale.Small,
                        "large" => BenchScale.Large,
                        _ => throw new ArgumentException($"unknown scale '{name}' (default, small, large)"),
                    };
                    break;
                case "--database": o.DatabaseUrl = Next(); break;
                case "--frames": s = s with { Frames = Int(), Name = "custom" }; break;
                case "--dates": s = s with { Dates = Int(), Name = "custom" }; break;
                case "--machines": s = s with { Machines = Int(), Name = "custom" }; break;
                case "--zips": s = s with { Zips = Int() }; break;
                case "--reporters": s = s with { Reporters = Int() }; break;
                case "--template": o.Template = Next(); break;
                case "--pool-per-job": o.PoolPerJob = true; break;
                case "--markdown": o.Markdown = Next(); break;
                case "--keep": o.Keep = true; break;
                case "--bin":
                    var bin = Next();
                    if (!BenchBinaries.Complete(bin)) throw new ArgumentException($"--bin {bin}: no satdaemon.dll and satdaemon-tools.dll there");
                    BenchBinaries.Use(Path.GetFullPath(bin));
                    break;
                case "--quick": o.Quick = true; break;
                case "--no-daemon": o.NoDaemon = true; break;
                case "--console-only": o.ConsoleOnly = true; break;
                case "--wake-samples": o.WakeSamples = Int(); break;
                case "--job-exec": o.JobExec = Int(); break;
                case "--wrapper-start": o.WrapperStarts = Int(); break;
                case "--native-job-exec":
                    var exe = Next();
                    if (!File.Exists(exe)) throw new ArgumentException($"--native-job-exec {exe}: no such file");
                    o.NativeJobExec = Path.GetFullPath(exe);
                    break;
                case "-h" or "--help": throw new HelpRequested();
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (s.Dates < 8 || s.Frames < 10) throw new ArgumentException("need at least 10 frames and 8 dates");
        if (o.WrapperStarts < 0) throw new ArgumentException("--wrapper-start needs 0 or more");
        if (o.WakeSamples < 1) throw new ArgumentException("--wake-samples needs at least 1");
        if (string.IsNullOrWhiteSpace(o.DatabaseUrl)) throw new ArgumentException("no --database and no $SATDAEMON_TEST_PG_URL");
        o.Scale = s;
        return o;
    }

    public sealed class HelpRequested : Exception;
}
