using System.Diagnostics;

namespace SatDaemon.Bench;

/// <summary>
/// The process's CPU time over a stretch of runs, per run. On a host whose two cores carry a load of 15–40 a wall time is
/// mostly waiting for a core (a plan of 6 ms of CPU took 30–50 ms on the clock), so the planner rows give both.
/// </summary>
/// <remarks>Counts every thread of the process (the GC's too), so it is an upper bound of the measured code's own CPU.</remarks>
public readonly struct CpuClock
{
    private readonly TimeSpan _start;

    private CpuClock(TimeSpan start) => _start = start;

    public static CpuClock Start() => new(Process.GetCurrentProcess().TotalProcessorTime);

    public string PerRun(int runs) =>
        $"process CPU {Fmt.Ms((Process.GetCurrentProcess().TotalProcessorTime - _start).TotalMilliseconds / runs)} per plan";
}
