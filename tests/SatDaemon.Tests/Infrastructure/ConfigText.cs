using System.Text;
using SatDaemon.Database.Stages;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// Builds a valid satdaemon.cfg text: [PARAMETERS], machines m01..mN (transport local), and one [JOB:type] per job type
/// of the default chain. Set, Remove and RemoveSection make one thing wrong, so a bad-config test reads as its cause:
/// <c>new ConfigText().Set("PROC_MACHINES:m01", "cpus", "lots")</c>.
/// </summary>
public sealed class ConfigText
{
    // Sections and keys keep their insertion order, so the text reads like a hand-written file.
    private readonly List<(string Section, List<KeyValuePair<string, string>> Keys)> _sections = [];

    public ConfigText(string database = "sqlite:///satdaemon.db", int machines = 1, string procDir = "/processing", string dataDir = "/data")
    {
        Set("PARAMETERS", "database", database);
        Set("PARAMETERS", "data_dir", dataDir);
        Set("PARAMETERS", "proc_dir", procDir);
        Set("PARAMETERS", "software_dir", "/opt/satsense");
        Set("PARAMETERS", "satdaemon_tools", "/opt/satdaemon/satdaemon-tools");
        Set("PARAMETERS", "poll_interval", "30");
        Set("PARAMETERS", "rsar_connections", "3");
        Set("PARAMETERS", "teams_webhook", "");
        Machines(machines);
        foreach (var type in DefaultJobTypes)
        {
            var s = "JOB:" + type;
            Set(s, "cpus", "2");
            Set(s, "memory", "4");
            Set(s, "disk", "10");
            Set(s, "command", $"{{software_dir}}/bin/{type}.sh --frame {{frame}} --date {{date}}");
            Set(s, "outputs", $"{{frame_dir}}/{type}/{{date}}.done");
            Set(s, "timeout", "6h");
        }
    }

    /// <summary>Job types of the default chain (download, master_slc, …, ingest), each with its [JOB:type] section.</summary>
    public static IReadOnlyList<string> DefaultJobTypes { get; } = DefaultChain.Stages.Select(s => s.JobType).Distinct().ToList();

    /// <summary>Names of the machines <paramref name="count"/> gives: m01, m02, ….</summary>
    public static string MachineName(int index) => $"m{index:00}";

    /// <summary>Replaces the machines with m01..m<paramref name="count"/>, each local with 8 cpus, 32 GB, disk 100.</summary>
    public ConfigText Machines(int count, string transport = "local")
    {
        _sections.RemoveAll(s => s.Section.StartsWith("PROC_MACHINES:", StringComparison.Ordinal));
        var names = Enumerable.Range(1, count).Select(MachineName).ToList();
        Set("PROC_MACHINES", "names", string.Join(", ", names));
        foreach (var name in names)
        {
            var s = "PROC_MACHINES:" + name;
            Set(s, "transport", transport);
            Set(s, "host", "127.0.0.1");
            Set(s, "port", "22");
            Set(s, "user", Environment.UserName);
            Set(s, "cpus", "8");
            Set(s, "memory", "32");
            Set(s, "disk", "100");
        }
        return this;
    }

    /// <summary>Sets a key (adding the section or key when absent); the value is written verbatim, so it may carry a "; comment".</summary>
    public ConfigText Set(string section, string key, string value)
    {
        var keys = Section(section);
        var i = keys.FindIndex(k => k.Key == key);
        if (i >= 0) keys[i] = new(key, value);
        else keys.Add(new(key, value));
        return this;
    }

    /// <summary>Removes a key; the section stays.</summary>
    public ConfigText Remove(string section, string key)
    {
        Section(section).RemoveAll(k => k.Key == key);
        return this;
    }

    /// <summary>Removes a whole section, e.g. "PROC_MACHINES:m02" or "JOB:slc".</summary>
    public ConfigText RemoveSection(string section)
    {
        _sections.RemoveAll(s => s.Section == section);
        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder("; written by ConfigText for a test\n");
        foreach (var (section, keys) in _sections)
        {
            sb.Append('\n').Append('[').Append(section).Append("]\n");
            foreach (var (k, v) in keys) sb.Append(k).Append(" = ").Append(v).Append('\n');
        }
        return sb.ToString();
    }

    public static implicit operator string(ConfigText c) => c.ToString();

    private List<KeyValuePair<string, string>> Section(string name)
    {
        var s = _sections.FirstOrDefault(x => x.Section == name);
        if (s.Keys is not null) return s.Keys;
        var keys = new List<KeyValuePair<string, string>>();
        _sections.Add((name, keys));
        return keys;
    }
}
