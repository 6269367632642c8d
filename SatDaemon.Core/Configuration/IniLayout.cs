namespace SatDaemon.Configuration;

/// <summary>One line of an INI file that names something: a [section] header (Key null) or a key in a section.</summary>
/// <param name="Section">The section as written, trimmed; empty for a key before any header.</param>
/// <param name="Line">1-based, so an operator can go straight to it.</param>
internal readonly record struct IniEntry(string Section, string? Key, int Line);

/// <summary>
/// The sections and keys of an INI text as written, line by line. The INI provider merges them into paths such as
/// "PROC_MACHINES:local:cpus", which cannot tell a section name from a key holding ':' and forgets empty sections;
/// checking names needs what the operator typed. Follows the provider's rules: ';', '#' and '/' start a comment line.
/// </summary>
internal static class IniLayout
{
    public static IEnumerable<IniEntry> Read(string text)
    {
        var section = "";
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is ';' or '#' or '/') continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                yield return new IniEntry(section, null, i + 1);
                continue;
            }
            var separator = line.IndexOf('=');
            if (separator > 0) yield return new IniEntry(section, line[..separator].Trim(), i + 1);
        }
    }
}
