namespace SatDaemon.Configuration;

/// <summary>One [JOB:type] section: what runs a stage and what it costs.</summary>
public sealed class JobTypeOptions
{
    public required string Name { get; init; }
    public required int Cpus { get; init; }
    public required double Memory { get; init; }
    public required int Disk { get; init; }
    /// <summary>Command template with placeholders such as {frame} and {date}; split into words, never given to a shell.</summary>
    public required string Command { get; init; }
    /// <summary>Files a successful job leaves behind (templates); used by check-db-consistency and job simulate.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
    /// <summary>At most this many jobs of the type at once; null = no limit.</summary>
    public int? MaxRunning { get; init; }
    /// <summary>A job running longer is stopped and recorded as failed; null = no limit.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>Automatic retries after a failure, with backoff. Default 0.</summary>
    public int Retries { get; init; }

    /// <summary>Features every machine a job of this type runs on must offer; a feature no machine offers is a config error.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>Features it would rather have: machines offering them are favoured, never waited for.</summary>
    public IReadOnlyList<string> Prefers { get; init; } = [];

    /// <summary>The software version every run of this type records (version = 2.3.1); null when not given.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// A file job exec reads on the machine when the job starts, whose first line is the version (version_file =
    /// {software_dir}/satsar/VERSION, {software_dir} filled in): a release then needs no config edit. Null when not given.
    /// </summary>
    public string? VersionFile { get; init; }
}
