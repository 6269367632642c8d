using System.Text;

namespace SatDaemon.JobProtocol;

/// <summary>
/// Turns a job type's command and outputs templates into argv and paths. The command is split into words the way a
/// POSIX shell would (quotes, backslashes) BEFORE placeholders are substituted, so a value holding spaces, quotes,
/// ';', '$(...)' or newlines stays one argument and is never interpreted: the argv is run without a shell.
/// </summary>
public static class CommandTemplate
{
    /// <summary>Substitutes placeholders in one string (an output path, a log path). Throws FormatException for an unknown or empty placeholder.</summary>
    public static string Expand(string template, JobPlaceholders values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var sb = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && TryReadName(template, i, out var name))
            {
                sb.Append(Value(name, values, template));
                i += name.Length + 2;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>The placeholder names (without braces) <see cref="Expand"/> would substitute in <paramref name="template"/>, known or not.</summary>
    public static IEnumerable<string> PlaceholderNames(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{' || !TryReadName(template, i, out var name)) continue;
            yield return name;
            i += name.Length + 1;
        }
    }

    /// <summary>Splits a command template into words like sh does, then substitutes placeholders in each word.</summary>
    public static IReadOnlyList<string> SplitAndExpand(string command, JobPlaceholders values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Split(command).Select(word => Expand(word, values)).ToList();
    }

    /// <summary>
    /// POSIX word splitting without expansion: blanks separate words; '…' is literal; "…" is literal except that a
    /// backslash escapes $ ` " \ and newline; outside quotes a backslash escapes the next character (backslash-newline
    /// joins lines). Quotes are removed. Throws FormatException for an unterminated quote or a trailing backslash.
    /// </summary>
    public static IReadOnlyList<string> Split(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false; // '' is a word of its own even though it adds no characters
        var i = 0;
        while (i < command.Length)
        {
            var c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord) words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    i++;
                    break;
                case '\'':
                    var close = command.IndexOf('\'', i + 1);
                    if (close < 0) throw new FormatException($"unterminated single quote in command: {command}");
                    word.Append(command, i + 1, close - i - 1);
                    inWord = true;
                    i = close + 1;
                    break;
                case '"':
                    i = ReadDoubleQuoted(command, i + 1, word);
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 >= command.Length) throw new FormatException($"command ends with a backslash: {command}");
                    if (command[i + 1] != '\n')
                    {
                        word.Append(command[i + 1]);
                        inWord = true;
                    }
                    i += 2;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    i++;
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    private static int ReadDoubleQuoted(string command, int i, StringBuilder word)
    {
        while (i < command.Length)
        {
            var c = command[i];
            if (c == '"') return i + 1;
            if (c == '\\' && i + 1 < command.Length && command[i + 1] is '$' or '`' or '"' or '\\' or '\n')
            {
                if (command[i + 1] != '\n') word.Append(command[i + 1]);
                i += 2;
                continue;
            }
            word.Append(c);
            i++;
        }
        throw new FormatException($"unterminated double quote in command: {command}");
    }

    /// <summary>{name} with name made of lower-case letters, digits and '_'; anything else ({}, {print $1}) is literal text.</summary>
    private static bool TryReadName(string s, int open, out string name)
    {
        name = "";
        var end = open + 1;
        while (end < s.Length && (char.IsAsciiLetterLower(s[end]) || char.IsAsciiDigit(s[end]) || s[end] == '_')) end++;
        if (end == open + 1 || end >= s.Length || s[end] != '}') return false;
        name = s[(open + 1)..end];
        return true;
    }

    private static string Value(string name, JobPlaceholders values, string template)
    {
        if (!values.TryGet(name, out var value))
            throw new FormatException($"unknown placeholder {{{name}}} in '{template}' (known: {string.Join(' ', JobPlaceholders.Names.Select(n => "{" + n + "}"))})");
        return value ?? throw new FormatException($"placeholder {{{name}}} in '{template}' has no value for this job");
    }
}
