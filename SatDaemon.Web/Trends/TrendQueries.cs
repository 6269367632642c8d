using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Model;
using SatDaemon.Database.Trends;

namespace SatDaemon.Web.Trends;

/// <summary>
/// What the charts draw: launches, ends and failures by job type from job_events (history the database keeps), and
/// the queue and the machines' use from trend_samples (written once a minute by the daemon's TrendSampleWriter).
/// </summary>
public sealed class TrendQueries(SatDbFactory factory)
{
    /// <summary>The event kinds counted, and the chart each goes to.</summary>
    public static readonly IReadOnlyList<(string Kind, string Title)> EventKinds =
        [(JobEventKinds.Launched, "Launches"), (JobEventKinds.Finished, "Ends (finished)"), (JobEventKinds.Failed, "Failures")];

    /// <summary>
    /// Counts per kind, job type and bucket over the window, from the hourly counts the database keeps
    /// (job_event_hours: a 30-day window is at most 720 hours × kinds × types rows, however many events); hours are
    /// summed into the window's buckets here.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StackedSeries>> EventCountsAsync(TrendWindow window, DateTime now, CancellationToken ct)
    {
        var buckets = TrendWindow.Buckets(now, window.Span, window.EventBucket);
        var from = buckets[0];
        var kinds = EventKinds.Select(k => k.Kind).ToArray();
        await using var db = factory.Create();
        var rows = await JobEventHours.SinceAsync(db, from, ct);
        var result = new Dictionary<string, StackedSeries>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            var series = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var e in rows.Where(r => r.Kind == kind))
            {
                var i = (int)((e.Hour - from) / window.EventBucket);
                if (i < 0 || i >= buckets.Count) continue;
                var values = series.TryGetValue(e.JobType, out var v) ? v : series[e.JobType] = new double[buckets.Count];
                values[i] += e.Events;
            }
            result[kind] = new StackedSeries(buckets, series.Select(s => (s.Key, (IReadOnlyList<double>)s.Value)).ToList());
        }
        return result;
    }

    /// <summary>
    /// The cluster's samples (<paramref name="machine"/> null) or one machine's, over the window plus the look-back a
    /// change-only machine row needs (<see cref="TrendSampleWriter.MachineRefresh"/>).
    /// </summary>
    public async Task<IReadOnlyList<TrendSample>> SamplesAsync(string? machine, TrendWindow window, DateTime now, CancellationToken ct)
    {
        var from = now - window.Span - TrendSampleWriter.MachineRefresh;
        await using var db = factory.Create();
        var q = db.TrendSamples.AsNoTracking().Where(s => s.At >= from);
        q = machine is null ? q.Where(s => s.Machine == null) : q.Where(s => s.Machine == machine);
        return await q.OrderBy(s => s.At).ToListAsync(ct);
    }

    /// <summary>
    /// A sample series in buckets: each bucket takes the largest value sampled in it (a peak is what a budget chart is
    /// for), an empty bucket the last value before it while that is younger than <paramref name="holds"/>, else no value.
    /// </summary>
    public static IReadOnlyList<double?> Bucketed(IReadOnlyList<TrendSample> samples, IReadOnlyList<DateTime> buckets, TimeSpan bucket,
        TimeSpan holds, Func<TrendSample, double> value)
    {
        var result = new double?[buckets.Count];
        var j = 0;
        TrendSample? last = null;
        for (var i = 0; i < buckets.Count; i++)
        {
            var end = buckets[i] + bucket;
            double? max = null;
            while (j < samples.Count && Utc(samples[j].At) < end)
            {
                if (Utc(samples[j].At) >= buckets[i]) max = Math.Max(max ?? double.MinValue, value(samples[j]));
                last = samples[j];
                j++;
            }
            result[i] = max ?? (last is not null && buckets[i] - Utc(last.At) < holds ? value(last) : null);
        }
        return result;
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}

/// <summary>Values per bucket for each series (job type, reason), drawn stacked.</summary>
public sealed record StackedSeries(IReadOnlyList<DateTime> Buckets, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> Series);
