namespace SatDaemon.Configuration;

/// <summary>The whole satdaemon.cfg, validated.</summary>
public sealed class SatDaemonConfig
{
    public required string FilePath { get; init; }
    public required ParametersOptions Parameters { get; init; }
    public required IReadOnlyList<MachineOptions> Machines { get; init; }
    public required IReadOnlyDictionary<string, JobTypeOptions> JobTypes { get; init; }
    public WebOptions Web { get; init; } = new();
    public TeamsDigestOptions Teams { get; init; } = new();

    /// <summary>Directory of the config file; relative paths in it are taken from here.</summary>
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(FilePath)) ?? ".";

    public JobTypeOptions JobType(string name) =>
        JobTypes.TryGetValue(name, out var t)
            ? t
            : throw new ConfigException(FilePath, "JOB:" + name, null, $"job type '{name}' has no [JOB:{name}] section");

    public string FrameDir(string frameId) => Path.Combine(Parameters.ProcDir, frameId);
}
