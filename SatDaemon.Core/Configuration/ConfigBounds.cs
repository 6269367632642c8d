namespace SatDaemon.Configuration;

/// <summary>
/// Limits of durations and counts. A value outside them is a typo (30d for 30s) or would overflow where it is
/// used (a TimeSpan, a deadline), so it stops start-up instead of surfacing at 3 a.m.
/// </summary>
internal static class ConfigBounds
{
    /// <summary>Passes more often than once a second only load the database; 0 would spin.</summary>
    public static readonly TimeSpan MinPoll = TimeSpan.FromSeconds(1);
    /// <summary>A finished job or a ctl command wakes a pass sooner anyway; more than an hour is a typo.</summary>
    public static readonly TimeSpan MaxPoll = TimeSpan.FromHours(1);
    /// <summary>kill_grace, job_start_timeout and timeout: 0 would kill at once or give up before trying.</summary>
    public static readonly TimeSpan MinWait = TimeSpan.FromSeconds(1);
    /// <summary>A stopped job's budget stays held through kill_grace; an hour is already very patient.</summary>
    public static readonly TimeSpan MaxKillGrace = TimeSpan.FromHours(1);
    /// <summary>The job's budget is held while job exec keeps trying to record its start.</summary>
    public static readonly TimeSpan MaxJobStartTimeout = TimeSpan.FromHours(1);
    /// <summary>Longer than a year is no limit at all, and a start time plus it must stay a valid date.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(365);
    /// <summary>A directory listing of the whole archive per ingest: more often than a minute only loads the disk and database.</summary>
    public static readonly TimeSpan MinIngestInterval = TimeSpan.FromMinutes(1);
    /// <summary>Sentinel-1 revisits every few days; a week between ingests is already late news.</summary>
    public static readonly TimeSpan MaxIngestInterval = TimeSpan.FromDays(7);
    /// <summary>Each machine talked to at once is an SSH command (and a database connection) in flight; more is a typo.</summary>
    public const int MaxParallelMachines = 256;
    /// <summary>
    /// Memory in GB of a machine, a Slurm share or a job type: a petabyte is beyond any cluster share; more is a typo
    /// (1e308) that would print as a 309-digit budget in ctl status and the console.
    /// </summary>
    public const double MaxMemoryGb = 1024 * 1024;
    /// <summary>Cores of a machine, a Slurm share or a job type: a million is beyond any partition a site gives one daemon.</summary>
    public const int MaxCpus = 1024 * 1024;
    /// <summary>Retries back off to 30 min each; a hundred is days of retrying one broken input.</summary>
    public const int MaxRetries = 100;
}
