using System.Globalization;

namespace SatDaemon.Configuration;

/// <summary>Parses config durations: "30" (seconds), "90s", "15m", "6h", "2d".</summary>
public static class DurationParser
{
    /// <summary>False for text that is not a duration, and for one too long for a TimeSpan (1e15d): never an OverflowException.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (!TryParseSeconds(text, out var seconds)) return false;
        // Compared in ticks, as a double: TimeSpan.FromSeconds would throw for anything past TimeSpan.MaxValue.
        var ticks = Math.Round(seconds * TimeSpan.TicksPerSecond);
        if (ticks >= long.MaxValue) return false;
        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>
    /// The duration in seconds. A double holds any finite value the text can give, so the caller can say that a
    /// duration is out of range instead of failing to build a TimeSpan. False for negative, NaN and infinite values.
    /// </summary>
    public static bool TryParseSeconds(string text, out double seconds)
    {
        seconds = 0;
        var t = text.Trim().ToLowerInvariant();
        if (t.Length == 0) return false;
        var unit = t[^1];
        var number = char.IsLetter(unit) ? t[..^1] : t;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || !double.IsFinite(n))
            return false;
        double? perUnit = unit switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ when char.IsDigit(unit) => 1,
            _ => null,
        };
        if (perUnit is not { } factor) return false;
        seconds = n * factor;
        return double.IsFinite(seconds);
    }

    /// <summary>Writes a duration the way the config takes it (90s, 15m, 6h, 2d), for messages about bounds.</summary>
    public static string Format(TimeSpan value) =>
        Whole(value.TotalDays) ? FormattableString.Invariant($"{value.TotalDays:0}d")
        : Whole(value.TotalHours) ? FormattableString.Invariant($"{value.TotalHours:0}h")
        : Whole(value.TotalMinutes) ? FormattableString.Invariant($"{value.TotalMinutes:0}m")
        : FormattableString.Invariant($"{value.TotalSeconds:0.###}s");

    private static bool Whole(double units) => units >= 1 && units == Math.Floor(units);
}
