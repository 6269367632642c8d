using Microsoft.Extensions.Logging;

namespace SatDaemon.Control.Jobs;

/// <summary>
/// Log messages of the JobLogger and job exec. Event ids 2000–2099 are reserved for jobs, never renumbered:
/// 2000 started, 2001 refused, 2002 database retry, 2003 success recorded, 2004 failure recorded,
/// 2005 already ended elsewhere, 2006 failure posted to Teams, 2007 command started, 2008 command cannot start,
/// 2009 signal forwarded, 2010 outcome kept in spool file, 2011 command ended, 2012 log file write failed, 2013 progress not recorded,
/// 2014 leftovers stopped, 2015 usage measured, 2016 usage not measured, 2017 over budget.
/// </summary>
public static partial class JobLog
{
    // The time the report took (retries included) is in the line: job logs are where a slow database shows first.
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "job {JobId} running with pid {Pid} (start recorded in {ElapsedMs:0.0} ms)")]
    public static partial void Started(ILogger logger, long jobId, int pid, double elapsedMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "job {JobId} is not running (unknown or already finished); {Action} refused")]
    public static partial void Refused(ILogger logger, long jobId, string action);

    // Warning, not Error: a short outage is survived; only running out of the budget is an error (the exception).
    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{What}: database not reachable ({Error}); attempt {Attempt}, retrying in {Delay}")]
    public static partial void DatabaseRetry(ILogger logger, string what, string error, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "job {JobId} recorded as finished in {ElapsedMs:0.0} ms")]
    public static partial void SuccessRecorded(ILogger logger, long jobId, double elapsedMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "job {JobId} recorded as failed: {Error}; will retry: {WillRetry}")]
    public static partial void FailureRecorded(ILogger logger, long jobId, string error, bool willRetry);

    // Debug-worthy elsewhere, but here it explains why no Teams post followed: the daemon (e.g. timeout) recorded it first.
    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "job {JobId} had already ended (recorded by another process); outcome not recorded again")]
    public static partial void AlreadyEnded(ILogger logger, long jobId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "job {JobId} failure posted to Teams")]
    public static partial void TeamsPosted(ILogger logger, long jobId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "job {JobId} command started: {Program} (pid {Pid})")]
    public static partial void CommandStarted(ILogger logger, long jobId, string program, int pid);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "job {JobId} command cannot start: {Program}")]
    public static partial void CommandCannotStart(ILogger logger, long jobId, string program, Exception exception);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "job {JobId}: {Signal} received, forwarded to the command (pid {Pid})")]
    public static partial void SignalForwarded(ILogger logger, long jobId, string signal, int pid);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "job {JobId}: outcome could not be recorded in the database; it stays in {OutcomeFile} for the daemon")]
    public static partial void OutcomeKept(ILogger logger, long jobId, string outcomeFile, Exception exception);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "job {JobId} command ended: {Result}")]
    public static partial void CommandEnded(ILogger logger, long jobId, string result);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "job {JobId}: cannot write to log file {LogPath}")]
    public static partial void LogWriteFailed(ILogger logger, long jobId, string logPath, Exception exception);

    // The work goes on without it: a lost progress line is not worth failing hours of processing.
    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "job {JobId}: progress report not recorded")]
    public static partial void ProgressNotRecorded(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "job {JobId}: the command left {Left} process(es) in the job's session; stopped them ({Killed} needed SIGKILL)")]
    public static partial void LeftoversStopped(ILogger logger, long jobId, int left, int killed);

    // Debug, not Information: job exec's stderr is redirected into the job log by the launch line, and the runner
    // already writes the same figures there as a plain line (the one tools parse), so at Information it came twice.
    [LoggerMessage(EventId = 2015, Level = LogLevel.Debug, Message = "job {JobId} used {Usage} ({Sampling})")]
    public static partial void UsageMeasured(ILogger logger, long jobId, string usage, string sampling);

    // Warning, not Error: the job's outcome is recorded all the same, only without figures.
    [LoggerMessage(EventId = 2016, Level = LogLevel.Warning, Message = "job {JobId}: its use could not be measured; the end is recorded without figures")]
    public static partial void UsageNotMeasured(ILogger logger, long jobId, Exception exception);

    // Warning: the planner placed the job by its budget, so a run above it is how a machine gets overloaded.
    [LoggerMessage(EventId = 2017, Level = LogLevel.Warning, Message = "job {JobId} ({JobType}) took more than its budget: {Overrun}; used {Usage}")]
    public static partial void OverBudget(ILogger logger, long jobId, string jobType, string overrun, string usage);
}
