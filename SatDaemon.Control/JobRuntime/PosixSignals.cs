using System.Runtime.InteropServices;

namespace SatDaemon.Control.JobRuntime;

/// <summary>kill(2) for job exec: forwarding signals to its command and stopping what the command left in its session.</summary>
internal static class PosixSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; a process already gone is not an error here.</summary>
    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    // DllImport, not LibraryImport: the latter needs unsafe code for this one call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
