using System.Globalization;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control;

/// <summary>
/// How ctl status and the console write times, ages, dates and errors (UTC, invariant culture), so an operator reads
/// the same "heartbeat 3m05s ago" in both.
/// </summary>
public static class StatusText
{
    public static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"42s", "3m05s", "2h00m", "1d04h": two units at most, so an age stays short in a table cell.</summary>
    public static string Age(TimeSpan a) =>
        a.TotalSeconds < 0 ? "0s"
        : a.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{a.TotalSeconds:0}s")
        : a.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalMinutes}m{a.Seconds:00}s")
        : a.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalHours}h{a.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)a.TotalDays}d{a.Hours:00}h");

    /// <summary>A job's date or date pair, "-" for a job without dates.</summary>
    public static string Dates(DateOnly? d1, DateOnly? d2) => JobDescription.Dates(d1, d2) ?? "-";

    /// <summary>The first line of an error, for a table cell; the rest is one click or `ctl show` away.</summary>
    public static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
