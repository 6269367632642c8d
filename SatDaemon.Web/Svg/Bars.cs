using System.Globalization;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Svg;

/// <summary>Horizontal bars as inline SVG: a budget split by the jobs holding it, and a job's progress.</summary>
internal static class Bars
{
    private const int Width = 300;
    private const int Height = 16;

    /// <summary>A budget bar; segments past the budget are drawn to the edge and the bar turns red, since over-budget is a bug worth seeing.</summary>
    public static SafeHtml Budget(string resource, IReadOnlyList<BarSegment> segments, double? budget)
    {
        var used = segments.Sum(s => s.Amount);
        var scale = budget is > 0 ? budget.Value : Math.Max(used, 1);
        var h = new HtmlBuilder();
        var over = budget is { } b && used > b;
        h.Add($"""<svg class="bar{(over ? " over" : "")}" data-resource="{resource}" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" role="img">""");
        h.Add($"""<rect class="bar-bg" x="0" y="0" width="{Width}" height="{Height}"/>""");
        double x = 0;
        foreach (var s in segments)
        {
            var w = Math.Min(Width - x, s.Amount / scale * Width);
            if (w <= 0) continue;
            h.Add($"""<rect class="seg" x="{R(x)}" y="0" width="{R(w)}" height="{Height}" fill="{Colour(s.ColourKey)}"><title>{s.Label}</title></rect>""");
            x += w;
        }
        h.Add($"""</svg>""");
        return h.ToHtml();
    }

    /// <summary>A progress fraction (0..1), or a grey bar before a job's first report.</summary>
    public static SafeHtml Progress(double? fraction)
    {
        var h = new HtmlBuilder();
        var f = Math.Clamp(fraction ?? 0, 0, 1);
        h.Add($"""<svg class="progress" data-progress="{R(f)}" viewBox="0 0 {Width / 2} 12" width="{Width / 2}" height="12" role="img">""");
        h.Add($"""<rect class="bar-bg" x="0" y="0" width="{Width / 2}" height="12"/>""");
        if (fraction is null) h.Add($"""<rect class="unknown" x="0" y="0" width="{Width / 2}" height="12"/>""");
        else h.Add($"""<rect class="done" x="0" y="0" width="{R(f * Width / 2)}" height="12"/>""");
        h.Add($"""<title>{(fraction is null ? "no report yet" : Format.Percent(f))}</title></svg>""");
        return h.ToHtml();
    }

    /// <summary>A stable colour per key (job type), so one type looks the same on every bar.</summary>
    public static string Colour(string key)
    {
        var hash = 0u;
        foreach (var c in key) hash = hash * 31 + c;
        return $"hsl({hash % 360},55%,55%)";
    }

    private static string R(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
