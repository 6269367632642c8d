using System.Globalization;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>
/// One image (a frame's acquisition date): its SLC files, the frame's bursts it covers and misses, the rows that use
/// the date coloured by stage, and their failures and job events — the seed's "page for each image".
/// </summary>
internal static class ImagePage
{
    public static string Href(string frameId, DateOnly date) =>
        Format.FrameHref(frameId) + "/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static SafeHtml Render(ImageDetail d)
    {
        var f = d.Frame;
        var h = new HtmlBuilder();
        var day = Format.Date(d.Date);
        h.Add($"""<h1>Image <span id="image-date">{day}</span> of frame <a href="{Format.FrameHref(f.Id)}">{f.Id}</a></h1>""");
        var total = d.CoveredBursts.Count + d.MissingBursts.Count;
        var coverage = d.MissingBursts.Count == 0 && total > 0 ? "full" : d.CoveredBursts.Count == 0 ? "none" : "partial";
        h.Add($"""<p id="coverage" data-coverage="{coverage}">{d.Files.Count} file(s) · <b>{d.CoveredBursts.Count}</b> of {total} frame bursts covered ({coverage}){(f.MasterDate == d.Date ? " · master date" : "")}</p>""");
        if (d.MissingBursts.Count > 0)
            h.Add($"""<p class="muted">missing bursts (the date waits for them): {string.Join(", ", d.MissingBursts)}</p>""");

        h.Add($"""<h2>Files</h2>""");
        if (d.Files.Count == 0) h.Add($"""<p class="muted">no SLC file of this date is linked to the frame's bursts</p>""");
        else
        {
            h.Add($"""<table id="files"><thead><tr><th>file</th><th>absolute orbit</th><th>start</th><th>stop</th><th>frame bursts</th><th>path</th></tr></thead><tbody>""");
            foreach (var x in d.Files)
                h.Add($"""<tr data-file="{x.Id}"><td>{x.Id}</td><td class="num">{x.AbsoluteOrbit}</td><td>{Format.Time(x.StartTime)}</td><td>{Format.Time(x.StopTime)}</td><td class="num">{x.FrameBursts}</td><td>{x.Abspath}</td></tr>""");
            h.Add($"""</tbody></table>""");
        }

        if (d.Rows.Count > 0) FramePage.Grid(h, f.Id, d.Columns, d.Rows);
        else h.Add($"""<h2>Dates and stages</h2><p class="muted">no master, ifg or rsar_ifg row uses this date</p>""");

        var covered = d.CoveredBursts.ToHashSet(StringComparer.Ordinal);
        var shapes = d.Bursts.Select(b => new MapShape(b.Outline, covered.Contains(b.Id) ? "burst" : "burst missing",
            $"{b.Id}: {(covered.Contains(b.Id) ? "covered" : "missing")}", null)).ToList();
        if (f.Outline.Count > 0) shapes.Insert(0, new MapShape(f.Outline, "frame", f.Id, null, "none"));
        h.Add($"""<h2>Bursts</h2>{MapSvg.Render(shapes, "image-map")}""");

        h.Add($"""<h2>Job history</h2>""");
        foreach (var x in d.Failures) FramePage.Failure(h, x);
        if (d.Events.Count > 0) FramePage.Events(h, d.Events);
        if (d.Failures.Count == 0 && d.Events.Count == 0) h.Add($"""<p class="muted">no jobs for this date yet</p>""");
        return h.ToHtml();
    }
}
