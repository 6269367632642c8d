namespace SatDaemon.Web.Trends;

/// <summary>
/// A chart's time span (?window=6h|24h|7d|30d) and its buckets: job events are counted per hour (per 6 h over 30 days,
/// so a chart stays near 100 bars), samples are shown at a finer step.
/// </summary>
public sealed record TrendWindow(string Name, TimeSpan Span, TimeSpan EventBucket, TimeSpan SampleBucket)
{
    public static readonly TrendWindow SixHours = new("6h", TimeSpan.FromHours(6), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
    public static readonly TrendWindow Day = new("24h", TimeSpan.FromHours(24), TimeSpan.FromHours(1), TimeSpan.FromMinutes(15));
    public static readonly TrendWindow Week = new("7d", TimeSpan.FromDays(7), TimeSpan.FromHours(1), TimeSpan.FromHours(1));
    public static readonly TrendWindow Month = new("30d", TimeSpan.FromDays(30), TimeSpan.FromHours(6), TimeSpan.FromHours(6));

    public static readonly IReadOnlyList<TrendWindow> All = [SixHours, Day, Week, Month];

    /// <summary>The window named in the query, 24 h when none; null for a name that is none of them.</summary>
    public static TrendWindow? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Day : All.FirstOrDefault(w => string.Equals(w.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Bucket starts covering [now − span, now], aligned to whole buckets (UTC) so a chart does not shift every poll.</summary>
    public static IReadOnlyList<DateTime> Buckets(DateTime now, TimeSpan span, TimeSpan bucket)
    {
        var last = new DateTime(now.Ticks - now.Ticks % bucket.Ticks, DateTimeKind.Utc);
        var count = (int)Math.Ceiling(span / bucket);
        return Enumerable.Range(0, count).Select(i => last - bucket * (count - 1 - i)).ToList();
    }

    public string Unit(TimeSpan bucket) => bucket == TimeSpan.FromHours(1) ? "hour" : bucket.TotalHours >= 1 ? $"{bucket.TotalHours:0} h" : $"{bucket.TotalMinutes:0} min";
}
