using System.Runtime.InteropServices;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// libc calls the usage sampler needs: the accounting the kernel keeps for a process's waited-for children (getrusage),
/// the CPU time of the calling thread (to measure the sampler's own cost) and the tick length of /proc/PID/stat. Linux only.
/// </summary>
internal static class NativeUsage
{
    /// <summary>
    /// CPU seconds (user + system) of every child this process has waited for, their waited-for children included, and
    /// the largest peak resident memory (kB) of one of them. That peak includes what a child held before it exec'd: a
    /// fork's copy of this process.
    /// </summary>
    public static (double CpuSeconds, long MaxRssKb) Children()
    {
        const int RusageChildren = -1;
        return GetRusage(RusageChildren, out var r) == 0 ? (r.UserSec + r.UserUsec / 1e6 + r.SysSec + r.SysUsec / 1e6, r.MaxRss) : (0, 0);
    }

    /// <summary>CPU time the calling thread has used (CLOCK_THREAD_CPUTIME_ID), in seconds.</summary>
    public static double ThreadCpuSeconds()
    {
        const int ClockThreadCpuTimeId = 3;
        return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Sec + t.Nsec / 1e9 : 0;
    }

    /// <summary>Clock ticks per second of /proc/PID/stat's utime and stime (sysconf(_SC_CLK_TCK)); 100 on every usual kernel.</summary>
    public static double TicksPerSecond()
    {
        const int ScClkTck = 2;
        var v = SysConf(ScClkTck);
        return v > 0 ? v : 100;
    }

    // struct rusage on 64-bit Linux: two timevals, then 14 longs (maxrss first).
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSec, UserUsec, SysSec, SysUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Sec, Nsec;
    }

    // DllImport, not LibraryImport: the latter needs unsafe code (as in PosixSignals).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
#pragma warning restore SYSLIB1054
}
