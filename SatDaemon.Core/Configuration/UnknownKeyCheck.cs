namespace SatDaemon.Configuration;

/// <summary>
/// Refuses every section and key the loader would not read, naming file, section, key and line and suggesting the
/// nearest known name. Runs before any value is read, so "cpu = 4" is reported as itself and not as "cpus is missing".
/// </summary>
internal static class UnknownKeyCheck
{
    public static void Check(string file, string text)
    {
        foreach (var entry in IniLayout.Read(text))
        {
            if (entry.Section.Length == 0)
                throw new ConfigException(file, null, null, $"'{entry.Key}' on line {entry.Line} is outside any [section]");
            var keys = ConfigSchema.KeysOf(entry.Section);
            if (keys is null)
            {
                var hint = ConfigSchema.NearestSection(entry.Section) is { } near
                    ? $"; did you mean [{near}]?"
                    : " (sections: [PARAMETERS], [PROC_MACHINES], [PROC_MACHINES:name], [JOB:type], [WEB])";
                throw new ConfigException(file, entry.Section, null, $"unknown section on line {entry.Line}{hint}");
            }
            if (entry.Key is not { } key || keys.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
            var keyHint = NearestName.Find(key, keys) is { } nearKey
                ? $"; did you mean {nearKey}?"
                : $" (keys of this section: {string.Join(", ", keys)})";
            throw new ConfigException(file, entry.Section, key, $"unknown key on line {entry.Line}{keyHint}");
        }
    }
}
