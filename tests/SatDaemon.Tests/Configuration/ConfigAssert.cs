using SatDaemon.Configuration;

namespace SatDaemon.Tests.Configuration;

/// <summary>Asserts that a config text is refused the way an operator needs: file, section and key named, the problem said.</summary>
internal static class ConfigAssert
{
    public const string Path = "/etc/satdaemon/test.cfg";

    /// <summary>The text is refused with a ConfigException naming <see cref="Path"/>.</summary>
    public static ConfigException Refused(string text)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Path, text));
        Assert.Equal(Path, e.File);
        Assert.Contains(Path, e.Message);
        return e;
    }

    /// <summary>The error names file, section and key in its properties and in its message, and says what is wrong.</summary>
    public static ConfigException Error(string text, string section, string? key, string problem)
    {
        var e = Refused(text);
        Assert.Equal((section, key), (e.Section, e.Key));
        Assert.Contains(key is null ? $"[{section}]" : $"[{section}] {key}", e.Message);
        Assert.Contains(problem, e.Message);
        return e;
    }
}
