namespace SatDaemon.Configuration;

/// <summary>A config file that cannot be used; the message names the file, section and key.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, string? section, string? key, string problem)
        : base(Format(file, section, key, problem))
    {
        File = file;
        Section = section;
        Key = key;
    }

    public string File { get; }
    public string? Section { get; }
    public string? Key { get; }

    private static string Format(string file, string? section, string? key, string problem)
    {
        var where = section is null ? file
            : key is null ? $"{file} [{section}]"
            : $"{file} [{section}] {key}";
        return $"config error in {where}: {problem}";
    }
}
