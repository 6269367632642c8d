using Microsoft.Extensions.Logging;
using SatDaemon.Control.Jobs;

namespace SatDaemon.Control.JobRuntime;

/// <summary>The .NET job exec's report of its command's run: structured log lines (one each on stderr).</summary>
internal sealed class LoggedRunReport(ILogger log, long jobId, string logPath) : IJobRunReport
{
    public void CommandStarted(string program, int pid) => JobLog.CommandStarted(log, jobId, program, pid);

    public void SignalForwarded(string signal, int pid) => JobLog.SignalForwarded(log, jobId, signal, pid);

    public void CannotStart(string program, string error) => JobLog.CommandCannotStart(log, jobId, program, new InvalidOperationException(error));

    public void LogWriteFailed(Exception e) => JobLog.LogWriteFailed(log, jobId, logPath, e);

    public void UsageMeasured(string usage, string sampling) => JobLog.UsageMeasured(log, jobId, usage, sampling);

    public void UsageNotMeasured(Exception e) => JobLog.UsageNotMeasured(log, jobId, e);

    public void LeftoversStopped(int left, int killed) => JobLog.LeftoversStopped(log, jobId, left, killed);

    public void CommandEnded(string result) => JobLog.CommandEnded(log, jobId, result);
}
