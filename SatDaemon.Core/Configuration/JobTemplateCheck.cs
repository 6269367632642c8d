using SatDaemon.JobProtocol;

namespace SatDaemon.Configuration;

/// <summary>
/// Checks a [JOB:type]'s command and outputs the way every launch will use them (split into words, then placeholders
/// substituted), so that a quote left open or a misspelt placeholder stops start-up, instead of passing it and
/// failing every job of that type at launch.
/// </summary>
internal static class JobTemplateCheck
{
    public static void Command(string file, string section, string command)
    {
        IReadOnlyList<string> words;
        try
        {
            words = CommandTemplate.Split(command);
        }
        catch (FormatException e)
        {
            throw new ConfigException(file, section, "command", "cannot be split into words: " + e.Message);
        }
        if (words.Count == 0 || words[0].Length == 0)
            throw new ConfigException(file, section, "command", "names no program to run");
        foreach (var word in words) Placeholders(file, section, "command", word);
    }

    public static void Outputs(string file, string section, IEnumerable<string> outputs)
    {
        foreach (var output in outputs) Placeholders(file, section, "outputs", output);
    }

    private static void Placeholders(string file, string section, string key, string template)
    {
        foreach (var name in CommandTemplate.PlaceholderNames(template))
        {
            if (JobPlaceholders.Names.Contains(name)) continue;
            var hint = NearestName.Find(name, JobPlaceholders.Names) is { } near ? $"; did you mean {{{near}}}?" : "";
            var known = string.Join(' ', JobPlaceholders.Names.Select(n => "{" + n + "}"));
            throw new ConfigException(file, section, key, $"unknown placeholder {{{name}}}{hint} (known: {known})");
        }
    }
}
