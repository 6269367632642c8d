using Xunit.Abstractions;
using SatDaemon.Tests.Infrastructure;
using System.Globalization;
using OpenQA.Selenium;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The console as a person sees it, in headless system Chromium against a seeded database: machines and budgets, a
/// running job's progress moving, a failed job's log tail, the grid's colours, the maps, a &lt;script&gt; id as text.
/// Each test saves a screenshot of its page under TestResults/web-screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleBrowserFacts(SqliteWebBedFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteWebBedFixture>, IDisposable
{
    private readonly ConsoleBrowser _browser = new();
    private WebTestBed Bed => fixture.Bed;

    [ServiceFact(Needs.Browser)]
    public async Task Overview_shows_machines_budgets_and_a_running_job_s_progress_moving()
    {
        await Bed.HeartbeatAsync();
        await Bed.SetProgressAsync(40);
        _browser.Open(Bed.BaseUrl + "/");

        // Live page: each check reads afresh, since the main part is replaced every 2 s.
        Assert.Equal("running", _browser.Read(b => b.Find("#daemon-state .state").Text));
        var proc01 = _browser.Read(b => (b.Find(".machine[data-machine='proc01']").Text,
            b.Find(".machine[data-machine='proc01']").FindElements(By.CssSelector("svg[data-resource='cpus'] rect.seg")).Count));
        Assert.Contains("4/32 cpus", proc01.Item1);
        Assert.Contains("16/256 GB memory", proc01.Item1);
        Assert.Equal(1, proc01.Item2);
        Assert.Contains("0/16 cpus", _browser.Read(b => b.Find(".machine[data-machine='proc02']").Text));
        var row = _browser.Read(b => b.Find($"#running tr[data-job='{WebTestBed.RunningJob}']").Text);
        Assert.Contains("40%", row);
        Assert.Contains(WebTestBed.RunningMessage, row);
        _browser.Screenshot("overview");

        // The page polls: progress written by the job shows without a reload.
        await Bed.SetProgressAsync(75);
        _browser.WaitUntil(d => d.FindElement(By.CssSelector($"#running tr[data-job='{WebTestBed.RunningJob}'] .pct")).Text == "75%", TimeSpan.FromSeconds(15));
        var fraction = double.Parse(_browser.Read(b => b.Find($"#running tr[data-job='{WebTestBed.RunningJob}'] svg.progress").GetAttribute("data-progress"))!, CultureInfo.InvariantCulture);
        Assert.Equal(0.75, fraction, 3);
        _browser.Screenshot("overview-live");
    }

    [ServiceFact(Needs.Browser)]
    public void Jobs_page_shows_a_failed_job_s_log_tail()
    {
        _browser.Open(Bed.BaseUrl + "/jobs");

        var selector = $"details.failure[data-job='{WebTestBed.FailedJob}']";
        _browser.Read(b => { b.Find(selector + " summary").Click(); return 0; });
        Assert.Contains("exit 3", _browser.Read(b => b.Find(selector).Text));
        Assert.Equal(WebTestBed.LogTail, _browser.Read(b => b.Find(selector + " pre.log-tail").Text));

        // The page refreshes every 2 s; what a person opened stays open.
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.Equal(WebTestBed.LogTail, _browser.Read(b => b.Find(selector + " pre.log-tail").Text));
        _browser.Screenshot("jobs");
    }

    [ServiceFact(Needs.Browser)]
    public void Frame_page_colours_the_grid_by_proc_status_and_draws_its_bursts()
    {
        _browser.Open(Bed.BaseUrl + "/frames/" + WebTestBed.Frame);

        Assert.Equal(WebTestBed.Frame, _browser.Read(b => b.Find("#frame-id").Text));
        Assert.Equal("rgba(58, 123, 213, 1)", _browser.Read(_ => Cell("2020-01-13", "slc").GetCssValue("background-color"))); // running: blue
        Assert.Equal("rgba(60, 154, 76, 1)", _browser.Read(_ => Cell("2020-01-13", "download").GetCssValue("background-color"))); // complete: green
        Assert.Equal("rgba(221, 51, 51, 1)", _browser.Read(_ => Cell("2020-01-25", "download").GetCssValue("background-color"))); // failed: red
        Assert.Equal(2, _browser.Read(b => b.FindAll("#frame-map path.burst").Count));
        Assert.Contains("ERROR: <orbit> file S1A_OPER missing & no fallback", _browser.Read(b => b.Find("section.date-history[data-date='2020-01-25'] pre.log").Text));
        _browser.Screenshot("frame");
    }

    [ServiceFact(Needs.Browser)]
    public void A_date_in_the_grid_opens_its_image_page_with_the_missing_burst_drawn()
    {
        _browser.Open(Bed.BaseUrl + "/frames/" + WebTestBed.Frame);

        _browser.Find("#grid tr[data-table='ifg'][data-row='2020-01-13'] th a").Click();
        _browser.WaitUntil(d => d.Url.EndsWith("/2020-01-13", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Equal("2020-01-13", _browser.Read(b => b.Find("#image-date").Text));
        Assert.Equal("partial", _browser.Read(b => b.Find("#coverage").GetAttribute("data-coverage")));
        Assert.Equal(WebTestBed.PartialImageFile, _browser.Read(b => b.Find("#files tbody tr").GetAttribute("data-file")));
        Assert.Equal((1, 1), _browser.Read(b => (b.FindAll("#image-map path.missing").Count, b.FindAll("#image-map path.burst:not(.missing)").Count)));
        _browser.Screenshot("image");
    }

    [ServiceFact(Needs.Browser)]
    public void Frames_map_draws_every_frame_and_marks_failures()
    {
        _browser.Open(Bed.BaseUrl + "/map");

        var paths = _browser.FindAll("#frames-map .fills path");
        Assert.Equal(2, paths.Count);
        Assert.Single(_browser.FindAll("#frames-map path.land"));
        Assert.Single(_browser.FindAll("#frames-map path.failing"));
        Assert.True(paths.All(p => p.Size.Width > 10 && p.Size.Height > 10), "every frame is drawn at a visible size");
        _browser.Screenshot("map");

        _browser.Open(Bed.BaseUrl + "/bursts");
        Assert.Equal(3, _browser.FindAll("#bursts-map path.burst").Count);
        _browser.Screenshot("bursts");
    }

    [ServiceFact(Needs.Browser)]
    public void A_frame_s_tip_on_the_map_links_its_running_job_and_its_failure()
    {
        _browser.Open(Bed.BaseUrl + "/map");
        var tipCss = $"#frames-map-tips .map-tip[data-frame='{WebTestBed.Frame}']";
        // The pointer over the frame (read again should a refresh have replaced the map meanwhile).
        _browser.Read(b =>
        {
            var frame = b.FindAll("#frames-map .fills path").Single(p => p.GetAttribute("data-id") == WebTestBed.Frame);
            new OpenQA.Selenium.Interactions.Actions(b.Driver).MoveToElement(frame).Perform();
            return 0;
        });
        _browser.WaitUntil(d => d.FindElement(By.CssSelector(tipCss)).Displayed, TimeSpan.FromSeconds(10));
        var (text, links) = _browser.Read(b =>
        {
            var tip = b.Find(tipCss);
            return (tip.Text, tip.FindElements(By.CssSelector("a.job-link")).Select(a => new Uri(a.GetAttribute("href")!).AbsolutePath).ToList());
        });
        output.WriteLine($"tip: {text} | links: {string.Join(", ", links)}");
        _browser.Screenshot("map-tip");
        // The bed's own rows: job 7 runs on this frame, job 9 failed on it and was not retried.
        Assert.Equal(["/jobs/" + WebTestBed.RunningJob, "/jobs/" + WebTestBed.FailedJob], links);

        // The pointer moves onto the card and follows the failure's link to the job's page.
        _browser.Read(b =>
        {
            new OpenQA.Selenium.Interactions.Actions(b.Driver).MoveToElement(b.Find(tipCss + " .tip-failed a.job-link")).Click().Perform();
            return 0;
        });
        _browser.WaitUntil(d => new Uri(d.Url).AbsolutePath == "/jobs/" + WebTestBed.FailedJob, TimeSpan.FromSeconds(10));
        Assert.Contains("#" + WebTestBed.FailedJob, _browser.Read(b => b.Find("h1").Text));
    }

    [ServiceFact(Needs.Browser)]
    public void A_script_frame_id_is_shown_as_text_and_never_runs()
    {
        _browser.Open(Bed.BaseUrl + "/frames");

        Assert.Contains(WebTestBed.ScriptFrame, _browser.Find($"#frames").Text);
        _browser.Find("input[data-filter='frames']").SendKeys("script");
        _browser.WaitUntil(d => d.FindElements(By.CssSelector("#frames tbody tr")).Count(r => r.Displayed) == 1, TimeSpan.FromSeconds(5));
        _browser.Screenshot("frames-filtered");

        _browser.Open(Bed.BaseUrl + "/frames/" + Uri.EscapeDataString(WebTestBed.ScriptFrame));
        Assert.Equal(WebTestBed.ScriptFrame, _browser.Read(b => b.Find("#frame-id").Text));
        // alert() would leave a prompt open; its absence means the id stayed text.
        Assert.Throws<NoAlertPresentException>(() => _browser.Driver.SwitchTo().Alert());
        _browser.Screenshot("frame-script-id");
    }

    private IWebElement Cell(string row, string stage) => _browser.Find($"#grid tr[data-row='{row}'] td[data-stage='{stage}']");

    public void Dispose() => _browser.Dispose();
}

/// <summary>Browser tests one at a time: each Chromium takes a core, and the machine has two.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
