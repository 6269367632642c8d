using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SatDaemon.Configuration;

/// <summary>
/// Typed, range-checked access to one section's keys. Every error names file, section and key, and says what the
/// value must be: a number that is out of range is told apart from a word where a number belongs.
/// </summary>
internal sealed class ConfigSectionReader(string file, IConfigurationRoot root)
{
    public string File => file;

    public bool HasSection(string section) => root.GetSection(section).GetChildren().Any();

    public string? Optional(string section, string key)
    {
        var v = root[$"{section}:{key}"];
        return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
    }

    public string Required(string section, string key) =>
        Optional(section, key) ?? throw new ConfigException(file, section, key, "is missing");

    public int RequiredInt(string section, string key, int min, int max = int.MaxValue) =>
        OptionalInt(section, key, min, max) ?? throw new ConfigException(file, section, key, "is missing");

    public int Int(string section, string key, int fallback, int min, int max = int.MaxValue) =>
        OptionalInt(section, key, min, max) ?? fallback;

    public int? OptionalInt(string section, string key, int min, int max = int.MaxValue)
    {
        var v = Optional(section, key);
        if (v is null) return null;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            // "99999999999" is a whole number, just not one an int holds: say so, not "not a whole number".
            throw new ConfigException(file, section, key, IsWholeNumberText(v)
                ? $"'{v}' is out of range (must be {Range(min, max)})"
                : $"'{v}' is not a whole number");
        }
        if (n < min || n > max) throw new ConfigException(file, section, key, $"must be {Range(min, max)} (got {n})");
        return n;
    }

    public double RequiredDouble(string section, string key, double max = double.MaxValue)
    {
        var v = Required(section, key);
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            throw new ConfigException(file, section, key, $"'{v}' is not a number");
        // 1e999 parses, as infinity.
        if (!double.IsFinite(n)) throw new ConfigException(file, section, key, $"'{v}' is out of range");
        return n <= max ? n : throw new ConfigException(file, section, key, $"'{v}' is out of range (at most {max.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>A duration between <paramref name="min"/> and <paramref name="max"/>; null when the key is absent or empty.</summary>
    public TimeSpan? Duration(string section, string key, TimeSpan min, TimeSpan max)
    {
        var v = Optional(section, key);
        if (v is null) return null;
        if (!DurationParser.TryParseSeconds(v, out var seconds))
            throw new ConfigException(file, section, key, $"'{v}' is not a duration (e.g. 30s, 15m, 6h, 2d)");
        // Checked as seconds before a TimeSpan exists: '1e15d' would overflow one.
        if (seconds < min.TotalSeconds || seconds > max.TotalSeconds)
            throw new ConfigException(file, section, key,
                $"'{v}' is out of range (must be between {DurationParser.Format(min)} and {DurationParser.Format(max)})");
        return TimeSpan.FromSeconds(seconds);
    }

    public IReadOnlyList<string> List(string section, string key) =>
        (Optional(section, key) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Range(int min, int max) => max == int.MaxValue ? $"at least {min}" : $"{min}-{max}";

    private static bool IsWholeNumberText(string v)
    {
        var digits = v.StartsWith('-') || v.StartsWith('+') ? v[1..] : v;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }
}
