namespace SatDaemon.Configuration;

/// <summary>The [PARAMETERS] section.</summary>
public sealed class ParametersOptions
{
    /// <summary>postgresql://user[:password]@host[:port]/db or sqlite:///relative.db or sqlite:////absolute.db.</summary>
    public required string Database { get; init; }

    /// <summary>Zip files live in {data_dir}/T{track}/. Default /data.</summary>
    public string DataDir { get; init; } = "/data";

    /// <summary>One folder per frame: {proc_dir}/{frame}. Default /processing.</summary>
    public string ProcDir { get; init; } = "/processing";

    /// <summary>Where job software is found. Default /opt/satsense.</summary>
    public string SoftwareDir { get; init; } = "/opt/satsense";

    /// <summary>Path of the satdaemon-tools binary on the processing machines.</summary>
    public string SatdaemonTools { get; init; } = "/opt/satdaemon/satdaemon-tools";

    /// <summary>
    /// Path of the native job exec (satdaemon-job-exec, one NativeAOT file) on the processing machines; null (the
    /// default) launches jobs through satdaemon-tools job exec as before. The native file records the start and the end
    /// itself (SatDaemon.JobRecords' plain SQL, the statements JobStore runs): no .NET process per job.
    /// </summary>
    public string? JobExec { get; init; }

    /// <summary>The program the launch line runs as "PROGRAM job exec …": job_exec when set, else satdaemon_tools.</summary>
    public string JobExecProgram => string.IsNullOrWhiteSpace(JobExec) ? SatdaemonTools : JobExec;

    /// <summary>Time between scheduling passes. Default 30 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Each date pairs with its next N dates in rsar_ifg. Default 3.</summary>
    public int RsarConnections { get; init; } = 3;

    /// <summary>
    /// How many machines the daemon talks to at once in a pass: launches (each machine's own launches stay in order,
    /// one after the other) and the reconcile's reading of the machines. Default 16, 1 to 256; 1 is the old serial pass.
    /// </summary>
    public int ParallelMachines { get; init; } = 16;

    /// <summary>A stopped job gets SIGTERM, then SIGKILL after this; its budget stays held until none of its processes is left. Default 30 s.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long job exec tries to record its start before giving up without running the command. Default 2 min.</summary>
    public TimeSpan JobStartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A job whose measured peak memory or mean cores exceed its [JOB:type] budget by more than this many percent is
    /// logged and counted as over budget (job_events kind over_budget). Default 25 %.
    /// </summary>
    public int OverBudgetMargin { get; init; } = 25;

    /// <summary>
    /// The daemon runs ingest-files (with the new dates of frames switched on) this often, beside its passes. Default
    /// null: off, ingest is left to the operator, cron or the systemd timer (deploy/satdaemon-ingest.timer).
    /// </summary>
    public TimeSpan? IngestInterval { get; init; }

    /// <summary>
    /// This host's daemon is a standby (as `satdaemon run --standby`): it waits on the daemon lock and takes over
    /// when the active daemon dies. PostgreSQL only. Default false.
    /// </summary>
    public bool Standby { get; init; }

    /// <summary>Teams webhook URL; a secret: never logged. Empty disables Teams.</summary>
    public string? TeamsWebhook { get; init; }
}
