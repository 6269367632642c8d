using System.Globalization;
using SatDaemon.Web.Html;
using SatDaemon.Web.Trends;

namespace SatDaemon.Web.Svg;

/// <summary>
/// Charts over time as inline SVG, drawn here (no chart library, no script): stacked bars of counts per bucket and
/// lines of sampled values. Every bar carries data-series, data-bucket and data-value, every line data-series and
/// data-values (one per bucket, "-" where nothing was sampled), so what is drawn can be read back exactly.
/// </summary>
internal static class TrendChart
{
    private const int Width = 720, Height = 150, Left = 44, Right = 6, Top = 8, Bottom = 18;
    private const double PlotW = Width - Left - Right, PlotH = Height - Top - Bottom;

    public static SafeHtml Stacked(string id, string title, StackedSeries data)
    {
        var n = data.Buckets.Count;
        var totals = Enumerable.Range(0, n).Select(i => data.Series.Sum(s => s.Values[i])).ToList();
        var max = NiceMax(totals.DefaultIfEmpty(0).Max());
        var h = new HtmlBuilder();
        Open(h, id, title, data.Buckets, max);
        var bw = PlotW / n;
        var baseY = new double[n];
        foreach (var (name, values) in data.Series)
        {
            var colour = Bars.Colour(name);
            for (var i = 0; i < n; i++)
            {
                if (values[i] <= 0) continue;
                var hgt = values[i] / max * PlotH;
                baseY[i] += hgt;
                h.Add($"""<rect x="{R(Left + i * bw + 0.5)}" y="{R(Top + PlotH - baseY[i])}" width="{R(Math.Max(bw - 1, 0.5))}" height="{R(hgt)}" fill="{colour}" data-series="{name}" data-bucket="{Iso(data.Buckets[i])}" data-value="{R(values[i])}"><title>{name} {Iso(data.Buckets[i])}: {R(values[i])}</title></rect>""");
            }
        }
        h.Add($"""</svg>""");
        Legend(h, data.Series.Select(s => s.Name));
        return h.ToHtml();
    }

    /// <param name="budget">A dashed line (the machine's or cluster's budget), drawn over the series; null for none.</param>
    public static SafeHtml Lines(string id, string title, IReadOnlyList<DateTime> buckets, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> series,
        IReadOnlyList<double?>? budget = null)
    {
        var all = series.SelectMany(s => s.Values).Concat(budget ?? []).Where(v => v is not null).Select(v => v!.Value);
        var max = NiceMax(all.DefaultIfEmpty(0).Max());
        var h = new HtmlBuilder();
        Open(h, id, title, buckets, max);
        foreach (var (name, values) in series) Line(h, buckets, name, values, max, null, Bars.Colour(name));
        if (budget is not null) Line(h, buckets, "budget", budget, max, "budget", null);
        h.Add($"""</svg>""");
        Legend(h, series.Select(s => s.Name));
        return h.ToHtml();
    }

    private static void Line(HtmlBuilder h, IReadOnlyList<DateTime> buckets, string name, IReadOnlyList<double?> values, double max, string? css, string? colour)
    {
        var bw = PlotW / buckets.Count;
        // A gap (nothing sampled: the daemon was down) breaks the line rather than drawing a slope across it.
        var points = new List<string>();
        var texts = string.Join(' ', values.Select(v => v is { } x ? R(x) : "-"));
        var h2 = new HtmlBuilder();
        for (var i = 0; i <= values.Count; i++)
        {
            if (i < values.Count && values[i] is { } v)
            {
                var x = Left + (i + 0.5) * bw;
                points.Add($"{R(x)},{R(Top + PlotH - v / max * PlotH)}");
                continue;
            }
            // A value with no neighbour (one sample between gaps) is a dot: a one-point line would not show.
            if (points.Count == 1)
            {
                var xy = points[0].Split(',');
                h2.Add($"""<circle cx="{xy[0]}" cy="{xy[1]}" r="2.5" fill="{colour ?? "#b22"}"/>""");
            }
            else if (points.Count > 0) h2.Add($"""<polyline points="{string.Join(' ', points)}" stroke="{colour ?? "#b22"}"/>""");
            points.Clear();
        }
        h.Add($"""<g class="{css ?? "series"}" data-series="{name}" data-values="{texts}"><title>{name}</title>{h2.ToHtml()}</g>""");
    }

    private static void Open(HtmlBuilder h, string id, string title, IReadOnlyList<DateTime> buckets, double max)
    {
        h.Add($"""<svg class="chart" id="{id}" viewBox="0 0 {Width} {Height}" role="img" data-buckets="{string.Join(' ', buckets.Select(Iso))}"><title>{title}</title>""");
        h.Add($"""<line class="axis" x1="{Left}" y1="{Top + PlotH}" x2="{Width - Right}" y2="{Top + PlotH}"/><line class="axis" x1="{Left}" y1="{Top}" x2="{Left}" y2="{Top + PlotH}"/>""");
        h.Add($"""<text x="{Left - 4}" y="{Top + 8}" text-anchor="end">{R(max)}</text><text x="{Left - 4}" y="{Top + PlotH}" text-anchor="end">0</text>""");
        if (buckets.Count > 0)
        {
            h.Add($"""<text x="{Left}" y="{Height - 4}">{Label(buckets[0])}</text>""");
            h.Add($"""<text x="{Width - Right}" y="{Height - 4}" text-anchor="end">{Label(buckets[^1])}</text>""");
        }
    }

    private static void Legend(HtmlBuilder h, IEnumerable<string> names)
    {
        h.Add($"""<div class="chart-legend">""");
        foreach (var n in names) h.Add($"""<span><i style="background:{Bars.Colour(n)}"></i>{n}</span>""");
        h.Add($"""</div>""");
    }

    /// <summary>1, 2 or 5 × 10^k at or above the largest value, so the axis reads as a round number.</summary>
    private static double NiceMax(double v)
    {
        if (v <= 0) return 1;
        var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1, 2, 5, 10 }) if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Label(DateTime t) => t.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
