using System.Globalization;
using SatDaemon.Control;
using SatDaemon.JobProtocol;

namespace SatDaemon.Web.Html;

/// <summary>How the console writes times, ages, dates and amounts (UTC, invariant culture), like ctl status (the parts both show come from StatusText).</summary>
internal static class Format
{
    public static string Time(DateTime t) => StatusText.Time(t);

    public static string Age(TimeSpan a) => StatusText.Age(a);

    /// <summary>
    /// The age of <paramref name="at"/> as a <c>span.age</c> carrying the instant: the live refresh leaves the text out
    /// of its ETag and the script keeps it current between polls (LiveRefresh).
    /// </summary>
    public static SafeHtml Since(DateTime at, DateTime now) =>
        new HtmlBuilder().Add($"""<span class="age" data-at="{at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}">{Age(now - at)}</span>""").ToHtml();

    public static string Dates(DateOnly? d1, DateOnly? d2) => StatusText.Dates(d1, d2);

    public static string Date(DateOnly? d) => JobDescription.Day(d);

    public static string Number(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string FirstLine(string text) => StatusText.FirstLine(text);

    /// <summary>A frame's page, its id escaped for a path segment (the hole that holds this is escaped again for HTML).</summary>
    public static string FrameHref(string frameId) => "/frames/" + Uri.EscapeDataString(frameId);
}
