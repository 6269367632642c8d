using SatDaemon.Control.JobRuntime;

namespace SatDaemon.JobExec;

/// <summary>
/// The native job exec's report of its command's run: a plain line on stderr for what the .NET job exec logs as a
/// warning or error (no logging framework in a file that must stay a few MB); the routine lines are left out.
/// </summary>
internal sealed class StderrRunReport(long jobId, string logPath, Func<string, Task> say) : IJobRunReport
{
    public void CommandStarted(string program, int pid)
    {
    }

    public void SignalForwarded(string signal, int pid) => _ = say($"job {jobId}: {signal} forwarded to the command (pid {pid})");

    public void CannotStart(string program, string error)
    {
    }

    public void LogWriteFailed(Exception e) => _ = say($"job {jobId}: cannot write to log file {logPath}: {e.Message}");

    public void UsageMeasured(string usage, string sampling)
    {
    }

    public void UsageNotMeasured(Exception e) => _ = say($"job {jobId}: its use could not be measured ({e.Message}); the end is recorded without figures");

    public void LeftoversStopped(int left, int killed)
    {
    }

    public void CommandEnded(string result) => _ = say($"job {jobId} command ended: {result}");
}
