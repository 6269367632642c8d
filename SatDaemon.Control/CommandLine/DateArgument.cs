using System.Globalization;

namespace SatDaemon.Control.CommandLine;

/// <summary>Dates on the command line: YYYY-MM-DD or YYYYMMDD. The one date reader of the tools.</summary>
public static class DateArgument
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyyMMdd"];

    /// <exception cref="FormatException">Names the value; the tools turn it into exit code 2.</exception>
    public static DateOnly Parse(string value) =>
        TryParse(value, out var d) ? d : throw new FormatException($"'{value}' is not a date: expected YYYY-MM-DD or YYYYMMDD");

    /// <summary>False when the value is in neither form; callers that say more about the value word their own message.</summary>
    public static bool TryParse(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
