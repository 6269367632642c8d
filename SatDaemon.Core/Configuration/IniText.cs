using System.Text;

namespace SatDaemon.Configuration;

/// <summary>
/// Prepares satdaemon.cfg text for the INI provider, which only knows whole-line comments:
/// our shipped file documents keys with trailing "; comment" text, which must not become part of the value.
/// </summary>
internal static class IniText
{
    public static string StripInlineComments(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('[') )
            {
                // "[JOB:slc]   ; one section per job type"
                var close = trimmed.IndexOf(']');
                sb.Append(close >= 0 ? trimmed[..(close + 1)] : trimmed).Append('\n');
                continue;
            }
            sb.Append(CutComment(line)).Append('\n');
        }
        return sb.ToString();
    }

    // A comment starts at ';' or '#' preceded by whitespace, so URLs with '#' fragments
    // or values such as "a;b" stay whole.
    private static string CutComment(string line)
    {
        var t = line.TrimStart();
        if (t.StartsWith(';') || t.StartsWith('#')) return line;
        for (var i = 1; i < line.Length; i++)
        {
            if ((line[i] == ';' || line[i] == '#') && char.IsWhiteSpace(line[i - 1]))
                return line[..i].TrimEnd();
        }
        return line;
    }
}
