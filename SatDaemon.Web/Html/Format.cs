using System.Globalization;
using SatDaemon.JobProtocol;

namespace SatDaemon.Web.Html;

/// <summary>How the console writes times, ages, dates and amounts (UTC, invariant culture), like ctl status.</summary>
internal static class Format
{
    public static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Age(TimeSpan a) =>
        a.TotalSeconds < 0 ? "0s"
        : a.TotalMinutes < 1 ? $"{a.TotalSeconds:0}s"
        : a.TotalHours < 1 ? $"{(int)a.TotalMinutes}m{a.Seconds:00}s"
        : a.TotalDays < 1 ? $"{(int)a.TotalHours}h{a.Minutes:00}m"
        : $"{(int)a.TotalDays}d{a.Hours:00}h";

    public static string Dates(DateOnly? d1, DateOnly? d2) => JobDescription.Dates(d1, d2) ?? "-";

    public static string Date(DateOnly? d) => JobDescription.Day(d);

    public static string Number(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>A frame's page, its id escaped for a path segment (the hole that holds this is escaped again for HTML).</summary>
    public static string FrameHref(string frameId) => "/frames/" + Uri.EscapeDataString(frameId);
}
