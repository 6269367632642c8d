using System.Globalization;

namespace SatDaemon.Tools.Commands;

/// <summary>Dates on the command line: YYYY-MM-DD or YYYYMMDD.</summary>
internal static class DateArgument
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyyMMdd"];

    /// <exception cref="FormatException">Names the value; the tools turn it into exit code 2.</exception>
    public static DateOnly Parse(string value) =>
        DateOnly.TryParseExact(value.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"'{value}' is not a date: expected YYYY-MM-DD or YYYYMMDD");
}
