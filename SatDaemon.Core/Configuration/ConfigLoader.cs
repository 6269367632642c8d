using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SatDaemon.Configuration;

/// <summary>Reads satdaemon.cfg into typed options and validates every key, naming file, section and key on error.</summary>
public static partial class ConfigLoader
{
    public const string EnvConfig = "SATDAEMON_CONFIG";
    public const string EnvTeamsWebhook = "SATDAEMON_TEAMS_WEBHOOK";

    /// <summary>-d/--config wins, then $SATDAEMON_CONFIG, then ./satdaemon.cfg, then /etc/satdaemon/satdaemon.cfg.</summary>
    public static string ResolvePath(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
        var env = Environment.GetEnvironmentVariable(EnvConfig);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var local = Path.GetFullPath("satdaemon.cfg");
        if (File.Exists(local)) return local;
        const string etc = "/etc/satdaemon/satdaemon.cfg";
        return File.Exists(etc) ? etc : local;
    }

    public static SatDaemonConfig Load(string? explicitPath = null)
    {
        var path = ResolvePath(explicitPath);
        if (!File.Exists(path))
            throw new ConfigException(path, null, null, "file not found (give one with -d/--config or $SATDAEMON_CONFIG)");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new ConfigException(path, null, null, "cannot be read: " + e.Message); }
        return Parse(path, text);
    }

    public static SatDaemonConfig Parse(string path, string text)
    {
        IConfigurationRoot root;
        var stripped = IniText.StripInlineComments(text);
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stripped));
            root = new ConfigurationBuilder().AddIniStream(stream).Build();
        }
        catch (FormatException e)
        {
            throw new ConfigException(path, null, null, "not a valid INI file: " + e.Message);
        }
        UnknownKeyCheck.Check(path, stripped);
        var reader = new ConfigSectionReader(path, root);
        var parameters = ReadParameters(reader);
        var machines = ReadMachines(reader);
        var jobTypes = ReadJobTypes(reader, root);
        CheckRequiredFeatures(path, machines, jobTypes);
        var web = ReadWeb(reader);
        return new SatDaemonConfig { FilePath = path, Parameters = parameters, Machines = machines, JobTypes = jobTypes, Web = web, Teams = ReadTeams(reader) };
    }

    private static ParametersOptions ReadParameters(ConfigSectionReader r)
    {
        const string s = "PARAMETERS";
        if (!r.HasSection(s)) throw new ConfigException(r.File, s, null, "section is missing");
        var db = r.Required(s, "database");
        // Parsed now, as every program will parse it: a bad URL is a config error at start, not a crash at first use.
        // The message never quotes the URL, which may hold a password.
        try { DatabaseAddress.Parse(db, Path.GetDirectoryName(Path.GetFullPath(r.File)) ?? "."); }
        catch (FormatException e) { throw new ConfigException(r.File, s, "database", e.Message); }
        var webhook = r.Optional(s, "teams_webhook");
        if (string.IsNullOrWhiteSpace(webhook)) webhook = Environment.GetEnvironmentVariable(EnvTeamsWebhook);
        // The defaults are the options class's own; a key left out keeps them.
        var defaults = new ParametersOptions { Database = db };
        return new ParametersOptions
        {
            Database = db,
            DataDir = r.Optional(s, "data_dir") ?? defaults.DataDir,
            ProcDir = r.Optional(s, "proc_dir") ?? defaults.ProcDir,
            SoftwareDir = r.Optional(s, "software_dir") ?? defaults.SoftwareDir,
            SatdaemonTools = r.Optional(s, "satdaemon_tools") ?? defaults.SatdaemonTools,
            JobExec = r.Optional(s, "job_exec") is { Length: > 0 } jobExec ? jobExec : null,
            PollInterval = r.Duration(s, "poll_interval", ConfigBounds.MinPoll, ConfigBounds.MaxPoll) ?? defaults.PollInterval,
            RsarConnections = r.Int(s, "rsar_connections", defaults.RsarConnections, min: 1),
            ParallelMachines = r.Int(s, "parallel_machines", defaults.ParallelMachines, min: 1, max: ConfigBounds.MaxParallelMachines),
            KillGrace = r.Duration(s, "kill_grace", ConfigBounds.MinWait, ConfigBounds.MaxKillGrace) ?? defaults.KillGrace,
            JobStartTimeout = r.Duration(s, "job_start_timeout", ConfigBounds.MinWait, ConfigBounds.MaxJobStartTimeout) ?? defaults.JobStartTimeout,
            OverBudgetMargin = r.Int(s, "over_budget_margin", defaults.OverBudgetMargin, min: 0, max: 1000),
            IngestInterval = r.Duration(s, "ingest_interval", ConfigBounds.MinIngestInterval, ConfigBounds.MaxIngestInterval),
            TeamsWebhook = string.IsNullOrWhiteSpace(webhook) ? null : webhook,
            Standby = Bool(r, s, "standby", defaults.Standby),
        };
    }

    private static List<MachineOptions> ReadMachines(ConfigSectionReader r)
    {
        const string s = "PROC_MACHINES";
        var names = r.List(s, "names");
        if (names.Count == 0) throw new ConfigException(r.File, s, "names", "lists no machines");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var machines = new List<MachineOptions>();
        foreach (var name in names)
        {
            if (!seen.Add(name)) throw new ConfigException(r.File, s, "names", $"machine '{name}' is listed twice");
            var sec = $"{s}:{name}";
            if (!r.HasSection(sec)) throw new ConfigException(r.File, s, "names", $"machine '{name}' is listed but has no [{sec}] section");
            // The defaults are the options class's own; a key left out keeps them.
            var defaults = new MachineOptions { Name = name, Host = "localhost", Cpus = 0, Memory = 0 };
            var transportText = r.Optional(sec, "transport");
            var transport = transportText?.ToLowerInvariant() switch
            {
                null => defaults.Transport,
                "ssh" => Transport.Ssh,
                "local" => Transport.Local,
                "slurm" => Transport.Slurm,
                _ => throw new ConfigException(r.File, sec, "transport", $"unknown transport '{transportText}' (expected ssh, local or slurm)"),
            };
            var submitHost = NullIfBlank(r.Optional(sec, "submit_host"));
            var host = r.Optional(sec, "host") ?? submitHost;
            if (transport == Transport.Ssh && string.IsNullOrWhiteSpace(host)) throw new ConfigException(r.File, sec, "host", "is missing (needed for transport = ssh)");
            var partition = NullIfBlank(r.Optional(sec, "partition"));
            if (transport == Transport.Slurm && partition is null) throw new ConfigException(r.File, sec, "partition", "is missing (needed for transport = slurm)");
            var license = NullIfBlank(r.Optional(sec, "disk_license"));
            if (license is not null && !SlurmName().IsMatch(license))
                throw new ConfigException(r.File, sec, "disk_license", $"'{license}' is not a Slurm license name (letters, digits, _ . -)");
            var m = new MachineOptions
            {
                Name = name,
                Host = host ?? "localhost",
                Port = r.Int(sec, "port", defaults.Port, min: 1, max: 65535),
                User = r.Optional(sec, "user") ?? defaults.User,
                KeyFile = r.Optional(sec, "key_file") ?? defaults.KeyFile,
                KnownHosts = r.Optional(sec, "known_hosts") ?? defaults.KnownHosts,
                Transport = transport,
                Cpus = r.RequiredInt(sec, "cpus", min: 1, max: ConfigBounds.MaxCpus),
                Memory = r.RequiredDouble(sec, "memory", max: ConfigBounds.MaxMemoryGb),
                Disk = r.Int(sec, "disk", defaults.Disk, min: 1, max: 100),
                Partition = partition,
                Account = NullIfBlank(r.Optional(sec, "account")),
                Qos = NullIfBlank(r.Optional(sec, "qos")),
                SubmitHost = submitHost,
                DiskLicense = license,
                Features = Features(r, sec, "features"),
                SlurmConstraints = Bool(r, sec, "slurm_constraints", false),
            };
            if (m.SlurmConstraints && transport != Transport.Slurm)
                throw new ConfigException(r.File, sec, "slurm_constraints", "applies only to transport = slurm (sbatch --constraint)");
            if (m.Memory <= 0) throw new ConfigException(r.File, sec, "memory", "must be more than 0 GB");
            machines.Add(m);
        }
        return machines;
    }

    /// <summary>A list of feature words; each one letters, digits, _ . - (as Slurm's node features), so it is safe in --constraint.</summary>
    private static IReadOnlyList<string> Features(ConfigSectionReader r, string sec, string key)
    {
        var words = r.List(sec, key);
        foreach (var w in words)
            if (!SlurmName().IsMatch(w)) throw new ConfigException(r.File, sec, key, $"'{w}' is not a feature name (letters, digits, _ . -)");
        return [.. words.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A job type that requires a feature no configured machine offers would wait forever: refused at start.</summary>
    private static void CheckRequiredFeatures(string file, IReadOnlyList<MachineOptions> machines, IReadOnlyDictionary<string, JobTypeOptions> types)
    {
        var offered = machines.SelectMany(m => m.Features).ToHashSet(StringComparer.Ordinal);
        foreach (var t in types.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        foreach (var f in t.Requires)
            if (!offered.Contains(f))
                throw new ConfigException(file, $"JOB:{t.Name}", "requires",
                    $"no machine offers feature '{f}' (machines offer: {(offered.Count == 0 ? "none" : string.Join(", ", offered.Order(StringComparer.Ordinal)))}); add it to a [PROC_MACHINES:name] features list or remove it here");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial System.Text.RegularExpressions.Regex SlurmName();

    private static Dictionary<string, JobTypeOptions> ReadJobTypes(ConfigSectionReader r, IConfigurationRoot root)
    {
        var types = new Dictionary<string, JobTypeOptions>(StringComparer.Ordinal);
        foreach (var child in root.GetChildren())
        {
            if (!child.Key.Equals("JOB", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var job in child.GetChildren())
            {
                var sec = $"JOB:{job.Key}";
                var command = r.Optional(sec, "command");
                if (string.IsNullOrWhiteSpace(command)) throw new ConfigException(r.File, sec, "command", "is missing: every job type needs a command");
                JobTemplateCheck.Command(r.File, sec, command);
                var outputs = r.List(sec, "outputs");
                JobTemplateCheck.Outputs(r.File, sec, outputs);
                var t = new JobTypeOptions
                {
                    Name = job.Key,
                    Cpus = r.RequiredInt(sec, "cpus", min: 0, max: ConfigBounds.MaxCpus),
                    Memory = r.RequiredDouble(sec, "memory", max: ConfigBounds.MaxMemoryGb),
                    // Disk-I/O units out of 100, as a machine's: more would never fit anywhere.
                    Disk = r.RequiredInt(sec, "disk", min: 0, max: 100),
                    Command = command,
                    Outputs = outputs,
                    MaxRunning = r.OptionalInt(sec, "max_running", min: 1),
                    Timeout = r.Duration(sec, "timeout", ConfigBounds.MinWait, ConfigBounds.MaxTimeout),
                    Retries = r.Int(sec, "retries", 0, min: 0, max: ConfigBounds.MaxRetries),
                    Requires = Features(r, sec, "requires"),
                    Prefers = Features(r, sec, "prefers"),
                    Version = SoftwareVersionConfig.Version(r, sec),
                    VersionFile = SoftwareVersionConfig.VersionFile(r, sec),
                };
                if (t.Memory < 0) throw new ConfigException(r.File, sec, "memory", $"must not be negative (got {t.Memory.ToString(CultureInfo.InvariantCulture)})");
                // Such a job holds nothing while it runs, so no budget would ever stop any number of them at once.
                if (t.Cpus == 0 && t.Memory == 0 && t.Disk == 0)
                    throw new ConfigException(r.File, sec, null, "cpus, memory and disk are all 0: a job of this type would hold no budget, so nothing would limit how many run at once (give it at least 1 cpu)");
                types.Add(job.Key, t);
            }
        }
        return types;
    }

    /// <summary>[WEB] is optional: without it (or with an empty listen) the daemon serves no console.</summary>
    private static WebOptions ReadWeb(ConfigSectionReader r)
    {
        const string s = "WEB";
        ListenAddress? listen = null;
        if (r.Optional(s, "listen") is { } text && !ListenAddress.TryParse(text, out listen))
            throw new ConfigException(r.File, s, "listen", $"'{text}' is not HOST:PORT (e.g. 127.0.0.1:8080)");
        var defaults = new WebOptions();
        return new WebOptions
        {
            Listen = listen,
            ReadOnly = Bool(r, s, "read_only", defaults.ReadOnly),
            UsersFile = r.Optional(s, "users_file") is { } users ? Path.GetFullPath(users, Path.GetDirectoryName(Path.GetFullPath(r.File))!) : null,
            AnonymousView = Bool(r, s, "anonymous_view", defaults.AnonymousView),
            Lockout = r.Duration(s, "lockout", ConfigBounds.MinWait, ConfigBounds.MaxTimeout) ?? defaults.Lockout,
        };
    }

    private static bool Bool(ConfigSectionReader r, string section, string key, bool fallback)
    {
        if (r.Optional(section, key) is not { } text) return fallback;
        return bool.TryParse(text, out var value) ? value : throw new ConfigException(r.File, section, key, $"'{text}' is not true or false");
    }

    private static TeamsDigestOptions ReadTeams(ConfigSectionReader r)
    {
        const string s = "TEAMS";
        // "off" reads better than an empty value in a config that says what it turns off.
        if (r.Optional(s, "digest_hour") is { } text && text.Equals("off", StringComparison.OrdinalIgnoreCase)) return new TeamsDigestOptions();
        return new TeamsDigestOptions { DigestHour = r.OptionalInt(s, "digest_hour", 0, 23) };
    }
}
