using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SatDaemon.Database.Configuration;

/// <summary>Reads satdaemon.cfg into typed options and validates every key, naming file, section and key on error.</summary>
public static class ConfigLoader
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
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(IniText.StripInlineComments(text)));
            root = new ConfigurationBuilder().AddIniStream(stream).Build();
        }
        catch (FormatException e)
        {
            throw new ConfigException(path, null, null, "not a valid INI file: " + e.Message);
        }
        var reader = new SectionReader(path, root);
        var parameters = ReadParameters(reader);
        var machines = ReadMachines(reader);
        var jobTypes = ReadJobTypes(reader, root);
        var web = ReadWeb(reader);
        return new SatDaemonConfig { FilePath = path, Parameters = parameters, Machines = machines, JobTypes = jobTypes, Web = web };
    }

    private static ParametersOptions ReadParameters(SectionReader r)
    {
        const string s = "PARAMETERS";
        if (!r.HasSection(s)) throw new ConfigException(r.File, s, null, "section is missing");
        var db = r.Required(s, "database");
        if (!db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            && !db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !db.StartsWith("sqlite://", StringComparison.OrdinalIgnoreCase))
            throw new ConfigException(r.File, s, "database", "must start with postgresql:// or sqlite:/// (got a value of another kind)");
        var webhook = r.Optional(s, "teams_webhook");
        if (string.IsNullOrWhiteSpace(webhook)) webhook = Environment.GetEnvironmentVariable(EnvTeamsWebhook);
        var rsar = r.Int(s, "rsar_connections", 3);
        if (rsar < 1) throw new ConfigException(r.File, s, "rsar_connections", $"must be at least 1 (got {rsar})");
        return new ParametersOptions
        {
            Database = db,
            DataDir = r.Optional(s, "data_dir") ?? "/data",
            ProcDir = r.Optional(s, "proc_dir") ?? "/processing",
            SoftwareDir = r.Optional(s, "software_dir") ?? "/opt/satsense",
            SatdaemonTools = r.Optional(s, "satdaemon_tools") ?? "/opt/satdaemon/satdaemon-tools",
            PollInterval = r.Duration(s, "poll_interval") ?? TimeSpan.FromSeconds(30),
            RsarConnections = rsar,
            KillGrace = r.Duration(s, "kill_grace") ?? TimeSpan.FromSeconds(30),
            JobStartTimeout = r.Duration(s, "job_start_timeout") ?? TimeSpan.FromMinutes(2),
            TeamsWebhook = string.IsNullOrWhiteSpace(webhook) ? null : webhook,
        };
    }

    private static List<MachineOptions> ReadMachines(SectionReader r)
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
            var transportText = r.Optional(sec, "transport") ?? "ssh";
            var transport = transportText.ToLowerInvariant() switch
            {
                "ssh" => Transport.Ssh,
                "local" => Transport.Local,
                _ => throw new ConfigException(r.File, sec, "transport", $"unknown transport '{transportText}' (expected ssh or local)"),
            };
            var host = r.Optional(sec, "host");
            if (transport == Transport.Ssh && string.IsNullOrWhiteSpace(host)) throw new ConfigException(r.File, sec, "host", "is missing (needed for transport = ssh)");
            var m = new MachineOptions
            {
                Name = name,
                Host = host ?? "localhost",
                Port = r.Int(sec, "port", 22),
                User = r.Optional(sec, "user") ?? Environment.UserName,
                KeyFile = r.Optional(sec, "key_file") ?? "~/.ssh/id_ed25519",
                KnownHosts = r.Optional(sec, "known_hosts") ?? "~/.ssh/known_hosts",
                Transport = transport,
                Cpus = r.RequiredInt(sec, "cpus"),
                Memory = r.RequiredDouble(sec, "memory"),
                Disk = r.Int(sec, "disk", 100),
            };
            if (m.Port is < 1 or > 65535) throw new ConfigException(r.File, sec, "port", $"must be 1-65535 (got {m.Port})");
            if (m.Cpus < 1) throw new ConfigException(r.File, sec, "cpus", $"must be at least 1 (got {m.Cpus})");
            if (m.Memory <= 0) throw new ConfigException(r.File, sec, "memory", "must be more than 0 GB");
            if (m.Disk is < 1 or > 100) throw new ConfigException(r.File, sec, "disk", $"must be 1-100 (got {m.Disk})");
            machines.Add(m);
        }
        return machines;
    }

    private static Dictionary<string, JobTypeOptions> ReadJobTypes(SectionReader r, IConfigurationRoot root)
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
                var t = new JobTypeOptions
                {
                    Name = job.Key,
                    Cpus = r.RequiredInt(sec, "cpus"),
                    Memory = r.RequiredDouble(sec, "memory"),
                    Disk = r.RequiredInt(sec, "disk"),
                    Command = command,
                    Outputs = r.List(sec, "outputs"),
                    MaxRunning = r.OptionalInt(sec, "max_running"),
                    Timeout = r.Duration(sec, "timeout"),
                    Retries = r.Int(sec, "retries", 0),
                };
                if (t.Cpus < 0 || t.Memory < 0 || t.Disk < 0) throw new ConfigException(r.File, sec, null, "cpus, memory and disk must not be negative");
                if (t.MaxRunning is < 1) throw new ConfigException(r.File, sec, "max_running", "must be at least 1");
                if (t.Retries < 0) throw new ConfigException(r.File, sec, "retries", "must not be negative");
                types.Add(job.Key, t);
            }
        }
        return types;
    }

    /// <summary>[WEB] is optional: without it (or with an empty listen) the daemon serves no console.</summary>
    private static WebOptions ReadWeb(SectionReader r)
    {
        const string s = "WEB";
        ListenAddress? listen = null;
        if (r.Optional(s, "listen") is { } text && !ListenAddress.TryParse(text, out listen))
            throw new ConfigException(r.File, s, "listen", $"'{text}' is not HOST:PORT (e.g. 127.0.0.1:8080)");
        var readOnly = r.Optional(s, "read_only") ?? "false";
        if (!bool.TryParse(readOnly, out var ro)) throw new ConfigException(r.File, s, "read_only", $"'{readOnly}' is not true or false");
        return new WebOptions { Listen = listen, ReadOnly = ro, UsersFile = r.Optional(s, "users_file") };
    }

    /// <summary>Typed access to one section's keys with errors that name the key.</summary>
    private sealed class SectionReader(string file, IConfigurationRoot root)
    {
        public string File => file;

        public bool HasSection(string section) => root.GetSection(section).GetChildren().Any();

        public string? Optional(string section, string key)
        {
            var v = root[$"{section}:{key}"];
            return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        }

        public string Required(string section, string key) =>
            Optional(section, key) ?? throw new ConfigException(file, section, key, "is missing");

        public int RequiredInt(string section, string key) =>
            OptionalInt(section, key) ?? throw new ConfigException(file, section, key, "is missing");

        public int Int(string section, string key, int fallback) => OptionalInt(section, key) ?? fallback;

        public int? OptionalInt(string section, string key)
        {
            var v = Optional(section, key);
            if (v is null) return null;
            return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new ConfigException(file, section, key, $"'{v}' is not a whole number");
        }

        public double RequiredDouble(string section, string key)
        {
            var v = Required(section, key);
            return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
                ? n
                : throw new ConfigException(file, section, key, $"'{v}' is not a number");
        }

        public TimeSpan? Duration(string section, string key)
        {
            var v = Optional(section, key);
            if (v is null) return null;
            return DurationParser.TryParse(v, out var d)
                ? d
                : throw new ConfigException(file, section, key, $"'{v}' is not a duration (e.g. 30s, 15m, 6h, 2d)");
        }

        public IReadOnlyList<string> List(string section, string key) =>
            (Optional(section, key) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
