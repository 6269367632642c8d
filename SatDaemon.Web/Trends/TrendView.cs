using SatDaemon.Database.Model;
using SatDaemon.Database.Trends;

namespace SatDaemon.Web.Trends;

/// <summary>Everything one trends page (or a machine's, or the overview's compact charts) draws, read for one window.</summary>
public sealed record TrendView(TrendWindow Window, DateTime Now, IReadOnlyDictionary<string, StackedSeries> Events, IReadOnlyList<TrendSample> Samples)
{
    /// <summary>The cluster row is written every minute: a bucket without one for this long means the daemon was not sampling.</summary>
    public static readonly TimeSpan ClusterHolds = TimeSpan.FromMinutes(5);

    /// <summary>A machine row is written on change and at least hourly.</summary>
    public static readonly TimeSpan MachineHolds = TrendSampleWriter.MachineRefresh + TimeSpan.FromMinutes(5);

    public IReadOnlyList<DateTime> SampleBuckets => TrendWindow.Buckets(Now, Window.Span, Window.SampleBucket);

    public IReadOnlyList<double?> Series(Func<TrendSample, double> value, TimeSpan holds) =>
        TrendQueries.Bucketed(Samples, SampleBuckets, Window.SampleBucket, holds, value);

    /// <summary>Pending jobs by (first) wait reason, one series per reason ever sampled in the window, largest first.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> PendingByReason()
    {
        var parsed = Samples.ToDictionary(s => s.Id, s => TrendSampleWriter.ParseReasons(s.Reasons));
        return parsed.Values.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal)
            .Select(reason => (reason, Series(s => parsed[s.Id].GetValueOrDefault(reason), ClusterHolds)))
            .OrderByDescending(r => r.Item2.Max() ?? 0).ThenBy(r => r.reason, StringComparer.Ordinal)
            .Select(r => (r.reason, r.Item2)).ToList();
    }
}
