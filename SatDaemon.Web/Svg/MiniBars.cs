using System.Globalization;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Svg;

/// <summary>
/// A budget bar small enough for one row per machine at 200 machines: same segments and colours as <see cref="Bars.Budget"/>;
/// x and y left out where SVG's default (0) is meant, three bars a row.
/// </summary>
internal static class MiniBars
{
    private const int Width = 90;
    private const int Height = 10;

    public static SafeHtml Budget(string resource, IReadOnlyList<BarSegment> segments, double? budget)
    {
        var used = segments.Sum(s => s.Amount);
        var scale = budget is > 0 ? budget.Value : Math.Max(used, 1);
        var over = budget is { } b && used > b;
        var h = new HtmlBuilder();
        h.Add($"""<svg class="mini{(over ? " over" : "")}" data-resource="{resource}" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" role="img"><rect class="bar-bg" width="{Width}" height="{Height}"/>""");
        double x = 0;
        foreach (var s in segments)
        {
            var w = Math.Min(Width - x, s.Amount / scale * Width);
            if (w <= 0) continue;
            h.Add($"""<rect class="seg" x="{R(x)}" width="{R(w)}" height="{Height}" fill="{Bars.Colour(s.ColourKey)}"><title>{s.Label}</title></rect>""");
            x += w;
        }
        h.Add($"""</svg>""");
        return h.ToHtml();
    }

    private static string R(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
