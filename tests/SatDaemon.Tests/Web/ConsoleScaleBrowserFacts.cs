using System.Drawing;
using OpenQA.Selenium;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The scale views as a person sees them, in headless Chromium: at 40 machines the running and pending sections are on
/// the first 1600×1000 screen, a 300-date frame shows its failed rows there, and at 800 px no page scrolls sideways.
/// Screenshots of the overview and the trends go to docs/images (the README shows them) and TestResults.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleScaleBrowserFacts(SqliteScaleBedFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteScaleBedFixture>, IDisposable
{
    private readonly ConsoleBrowser _browser = new();
    private WebTestBed Bed => fixture.Bed;

    [ServiceFact(Needs.Browser)]
    public void At_40_machines_running_and_pending_are_on_the_first_screen()
    {
        Size(1600, 1000);
        _browser.Open(Bed.BaseUrl + "/");

        var machines = _browser.Read(b => b.FindAll("#machines tr.machine").Count);
        var running = Top("#running");
        // The pending section: its heading and what follows it (the reasons, or "unknown" without a daemon).
        var pending = _browser.Read(_ => Convert.ToDouble(Js("var h=Array.prototype.find.call(document.querySelectorAll('main h2'),function(x){return x.textContent.indexOf('Pending jobs')===0;});return h.nextElementSibling.getBoundingClientRect().bottom;")));
        var failures = Top("#failures");
        output.WriteLine($"{machines} machine rows; running table at {running} px, pending at {pending} px, failures at {failures} px; innerHeight {Js("return window.innerHeight")}");
        Assert.Equal(40 + 1, machines); // the 40 configured and proc01, which the base seed's running job names
        Assert.InRange(running, 0, 1000);
        Assert.InRange(pending, 0, 1000);
        Save("overview-40-machines");
    }

    [ServiceFact(Needs.Browser)]
    public void A_300_date_frame_shows_its_failed_rows_on_the_first_screen()
    {
        Size(1600, 1000);
        _browser.Open(Bed.BaseUrl + "/frames/" + ScaleWebBed.LongFrame);

        var tops = _browser.Read(b => b.FindAll("#grid tr td[data-status='failed']").Select(td => Convert.ToDouble(Js("return arguments[0].getBoundingClientRect().top", td))).ToList());
        output.WriteLine($"failed cells at {string.Join(", ", tops)} px");
        Assert.Equal(ScaleWebBed.FailedAt.Length, tops.Count);
        Assert.All(tops, t => Assert.InRange(t, 0, 1000));
        Save("frame-300-dates");
    }

    [ServiceFact(Needs.Browser)]
    public void Trends_draw_at_1600_and_800_px()
    {
        foreach (var width in new[] { 1600, 800 })
        {
            Size(width, 1000);
            _browser.Open(Bed.BaseUrl + "/trends");
            var bars = _browser.Read(b => b.FindAll("#chart-launched rect[data-series]:not([data-series='?'])").Count);
            output.WriteLine($"{width} px: {bars} launch bars");
            Assert.Equal(2, bars); // slc and the <script> type, in one hour
            Assert.Throws<NoAlertPresentException>(() => _browser.Driver.SwitchTo().Alert());
            Save($"trends-{width}");
        }
    }

    /// <summary>Every live page of this bed (job and pending pages: ConsoleJobViewFacts; the sign-in page needs a users file: not here).</summary>
    private static readonly (string Name, string Path)[] Pages =
    [
        ("frames", "/frames"), ("frame", "/frames/" + ScaleWebBed.LongFrame), ("frame-all", "/frames/" + ScaleWebBed.LongFrame + "?rows=all"),
        ("frame-small", "/frames/" + WebTestBed.Frame), ("image", "/frames/" + WebTestBed.Frame + "/2020-01-25"), ("jobs", "/jobs"),
        ("map", "/map"), ("bursts", "/bursts"), ("changes", "/history"), ("trends", "/trends"), ("machine", "/machines/m01"), ("overview", "/"),
    ];

    /// <summary>
    /// At 800 px no page scrolls sideways; each page's screenshot at 800 and 1600 px is kept in TestResults/web-screenshots
    /// (review-WIDTH-PAGE.png) for the review a person makes of them (docs/web.md).
    /// </summary>
    [ServiceFact(Needs.Browser)]
    public void At_800_px_no_page_scrolls_sideways()
    {
        var wide = new List<string>();
        foreach (var width in new[] { 1600, 800 })
        {
            Size(width, 1000);
            foreach (var (name, path) in Pages)
            {
                _browser.Open(Bed.BaseUrl + path);
                var (scroll, inner) = (Convert.ToInt64(Js("return document.documentElement.scrollWidth")), Convert.ToInt64(Js("return window.innerWidth")));
                output.WriteLine($"{width} px {path}: scrollWidth {scroll}, innerWidth {inner}");
                _browser.Screenshot($"review-{width}-{name}");
                if (width == 800 && scroll > inner) wide.Add($"{path} ({scroll} > {inner})");
            }
        }
        Save("overview-800");
        Assert.Empty(wide);
    }

    /// <summary>A viewport (innerWidth × innerHeight) of this size: the window is grown by what its frame takes.</summary>
    private void Size(int width, int height)
    {
        _browser.Driver.Manage().Window.Size = new Size(width, height);
        var (w, h) = (Convert.ToInt32(Js("return window.innerWidth")), Convert.ToInt32(Js("return window.innerHeight")));
        _browser.Driver.Manage().Window.Size = new Size(2 * width - w, 2 * height - h);
        output.WriteLine($"viewport {Js("return window.innerWidth")}×{Js("return window.innerHeight")}");
    }

    private object? Js(string script, params object[] args) => ((IJavaScriptExecutor)_browser.Driver).ExecuteScript(script, args);

    private double Top(string css) => _browser.Read(b => Convert.ToDouble(Js("return arguments[0].getBoundingClientRect().top", b.Find(css))));

    /// <summary>Into TestResults and docs/images, where the README and docs/web.md show it.</summary>
    private void Save(string name)
    {
        var path = _browser.Screenshot(name);
        var docs = Path.Combine(RepoPaths.Root, "docs", "images", name + ".png");
        File.Copy(path, docs, overwrite: true);
    }

    public void Dispose() => _browser.Dispose();
}
