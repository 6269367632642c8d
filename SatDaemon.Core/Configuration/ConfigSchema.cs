namespace SatDaemon.Configuration;

/// <summary>
/// The sections and keys ConfigLoader reads, and nothing else. A key the loader does not read is a typo or a setting
/// this version does not have; ignoring it would silently run on the default (DESIGN §9), so it is refused.
/// A key added to the loader must be added here and documented in the shipped satdaemon.cfg.
/// </summary>
internal static class ConfigSchema
{
    public const string Parameters = "PARAMETERS";
    public const string Machines = "PROC_MACHINES";
    public const string JobType = "JOB";
    public const string Web = "WEB";
    public const string Teams = "TEAMS";

    public static readonly IReadOnlyList<string> ParameterKeys =
        ["database", "data_dir", "proc_dir", "software_dir", "satdaemon_tools", "job_exec", "poll_interval", "kill_grace", "job_start_timeout", "over_budget_margin", "rsar_connections", "parallel_machines", "ingest_interval", "teams_webhook", "standby"];

    public static readonly IReadOnlyList<string> MachineListKeys = ["names"];

    public static readonly IReadOnlyList<string> MachineKeys =
        ["transport", "host", "port", "user", "key_file", "known_hosts", "cpus", "memory", "disk",
         "partition", "account", "qos", "submit_host", "disk_license", "features", "slurm_constraints"];

    public static readonly IReadOnlyList<string> JobTypeKeys =
        ["cpus", "memory", "disk", "command", "outputs", "max_running", "timeout", "retries", "requires", "prefers", "version", "version_file"];

    public static readonly IReadOnlyList<string> WebKeys = ["listen", "read_only", "users_file", "anonymous_view", "lockout"];

    public static readonly IReadOnlyList<string> TeamsKeys = ["digest_hour"];

    /// <summary>The keys <paramref name="section"/> may hold (names compared as the loader does, ignoring case); null for a section that is none of ours.</summary>
    public static IReadOnlyList<string>? KeysOf(string section)
    {
        if (section.Equals(Parameters, StringComparison.OrdinalIgnoreCase)) return ParameterKeys;
        if (section.Equals(Machines, StringComparison.OrdinalIgnoreCase)) return MachineListKeys;
        if (section.Equals(Web, StringComparison.OrdinalIgnoreCase)) return WebKeys;
        if (section.Equals(Teams, StringComparison.OrdinalIgnoreCase)) return TeamsKeys;
        var (head, name) = Split(section);
        // A ':' in the name would nest one more level in the loader's view, where nothing reads it.
        if (name is not { Length: > 0 } || name.Contains(':')) return null;
        if (head.Equals(Machines, StringComparison.OrdinalIgnoreCase)) return MachineKeys;
        if (head.Equals(JobType, StringComparison.OrdinalIgnoreCase)) return JobTypeKeys;
        return null;
    }

    /// <summary>The section an operator probably meant by an unknown one ("PARAMETER" → [PARAMETERS], "JOBS:slc" → [JOB:slc]); null when none is near.</summary>
    public static string? NearestSection(string section)
    {
        var (head, name) = Split(section);
        if (name is null)
        {
            if (head.Equals(JobType, StringComparison.OrdinalIgnoreCase)) return "JOB:type";
            return NearestName.Find(head, [Parameters, Machines, Web]);
        }
        if (name.Length == 0 || name.Contains(':')) return null; // the name itself is wrong, not the kind of section
        return NearestName.Find(head, [Machines, JobType]) is { } near ? $"{near}:{name}" : null;
    }

    private static (string Head, string? Name) Split(string section)
    {
        var colon = section.IndexOf(':');
        return colon < 0 ? (section, null) : (section[..colon].Trim(), section[(colon + 1)..].Trim());
    }
}
