namespace SatDaemon.Web.Html;

/// <summary>
/// How the console names and links jobs. Pending ids (pending_jobs) and job ids (given at launch) are two counters
/// that overlap, so they never look alike: a pending job is "P62", a launched job "#62".
/// </summary>
internal static class JobLinks
{
    public static string JobLabel(long jobId) => "#" + jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string PendingLabel(long pendingId) => "P" + pendingId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string JobHref(long jobId) => "/jobs/" + jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string PendingHref(long pendingId) => "/pending/" + pendingId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A job id as a link to its page.</summary>
    public static SafeHtml Job(long jobId) => new HtmlBuilder().Add($"""<a class="job-link" href="{JobHref(jobId)}">{JobLabel(jobId)}</a>""").ToHtml();

    /// <summary>A pending id as a link to its page.</summary>
    public static SafeHtml Pending(long pendingId) => new HtmlBuilder().Add($"""<a class="pending-link" href="{PendingHref(pendingId)}">{PendingLabel(pendingId)}</a>""").ToHtml();

    /// <summary>Why a pending job waits, as its row shows it: a "can never run" badge before the sentence when it can never run.</summary>
    public static SafeHtml Why(Data.PendingJobView p, DateTime now) => p.CanNeverRun
        ? new HtmlBuilder().Add($"""<span class="badge badge-never">can never run</span> <span class="why">{p.Why(now)}</span>""").ToHtml()
        : new HtmlBuilder().Add($"""<span class="why">{p.Why(now)}</span>""").ToHtml();
}
