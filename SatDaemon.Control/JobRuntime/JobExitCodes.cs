namespace SatDaemon.Control.JobRuntime;

/// <summary>Exit codes of the job protocol (job exec and the reports of its command), beside those of the command itself.</summary>
public static class JobExitCodes
{
    /// <summary>Failed, as every satdaemon-tools command; job exec's code until its command has ended.</summary>
    public const int Failed = 1;

    /// <summary>A report for a job that is not running (unknown, or its end already recorded); job exec then does not run the command.</summary>
    public const int NotRunning = 3;

    /// <summary>Job exec could not record the start (database unreachable for job_start_timeout): the command was not run.</summary>
    public const int StartNotRecorded = 4;
}
