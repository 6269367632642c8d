using System.Globalization;

namespace SatDaemon.Control.CommandLine;

/// <summary>
/// Reads ctl's positional words. They arrive as strings and are checked here, not by System.CommandLine,
/// so that a misspelt word gets our one-line message and exit code 2 like every other bad input.
/// </summary>
public static class CtlArguments
{
    public static bool OnOff(string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"'{text}' is neither on nor off"),
    };

    /// <summary>YYYY-MM-DD or YYYYMMDD; "-" leaves that end of the range open (null).</summary>
    public static DateOnly? OpenDate(string text, string what)
    {
        var t = text.Trim();
        if (t == "-") return null;
        return DateArgument.TryParse(t, out var d)
            ? d
            : throw new FormatException($"{what} date '{text}' is not a date (expected YYYY-MM-DD or YYYYMMDD, or - for open)");
    }

    public static int Priority(string text)
    {
        var t = text.Trim();
        if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)) return p;
        // A whole number too large for a priority is a different mistake from a word: say which.
        if (t.Length > 0 && t.TrimStart('-', '+').Length > 0 && t.TrimStart('-', '+').All(char.IsAsciiDigit))
            throw new FormatException($"priority '{text}' is out of range ({int.MinValue} to {int.MaxValue})");
        throw new FormatException($"priority '{text}' is not a whole number");
    }

    /// <summary>A job or pending id. Checked here, not by System.CommandLine, so a bad id gets our one line and exit 2.</summary>
    public static long JobId(string text, string what) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new FormatException($"{what} '{text}' is not a positive whole number");

    /// <summary>A processing level by its name (the console's level control; ctl has one switch per level).</summary>
    public static SatDaemon.Database.Model.ProcLevel Level(string text) =>
        SatDaemon.Database.Model.ProcLevelNames.TryParse(text.Trim(), out var level)
            ? level
            : throw new ArgumentException($"'{text}' is not a processing level (off, download, satsar, til_timeseries, full)");
}
