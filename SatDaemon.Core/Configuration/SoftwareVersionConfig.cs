namespace SatDaemon.Configuration;

/// <summary>A job type's version and version_file keys: one or the other, never both, and version_file's only placeholder is {software_dir}.</summary>
internal static class SoftwareVersionConfig
{
    public static string? Version(ConfigSectionReader r, string section)
    {
        var v = r.Optional(section, "version");
        if (v is null) return null;
        if (r.Optional(section, "version_file") is not null)
            throw new ConfigException(r.File, section, "version", "and version_file are both given: keep one (version_file is read on the machine at each start)");
        return SoftwareVersionText.Check(v) is { } problem ? throw new ConfigException(r.File, section, "version", problem) : v;
    }

    public static string? VersionFile(ConfigSectionReader r, string section)
    {
        var v = r.Optional(section, "version_file");
        if (v is null) return null;
        var rest = v.Replace(SoftwareVersionText.SoftwareDirPlaceholder, "", StringComparison.Ordinal);
        if (rest.Contains('{') || rest.Contains('}'))
            throw new ConfigException(r.File, section, "version_file", $"'{v}': the only placeholder it takes is {SoftwareVersionText.SoftwareDirPlaceholder}");
        return v;
    }
}
