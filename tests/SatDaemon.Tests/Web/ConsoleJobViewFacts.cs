using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The job page, the pending page and the marks for holds and reasons on a seeded SQLite console (no daemon): every
/// new field shows a &lt;script&gt; as text, no new page scrolls sideways at 800 px, a failed job's page has its exit,
/// error, log tail and events, a held frame is marked in the list and on its page, and bad input gets one clear message.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleJobViewFacts(SqliteWebBedFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteWebBedFixture>
{
    private const string Script = "<script>alert('x')</script>";
    private WebTestBed Bed => fixture.Bed;

    [ServiceFact(Needs.Browser)]
    public async Task A_script_in_every_new_field_is_shown_as_text_and_never_runs()
    {
        var log = Path.Combine(Path.GetTempPath(), "sdt-web-log-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        await File.WriteAllTextAsync(log, "first line\n" + Script + "\nlast line\n");
        try
        {
            var pendingId = await PlantAsync(log);
            using var browser = new ConsoleBrowser();
            var seen = new List<string>();
            foreach (var (path, css) in new[]
            {
                ("/jobs", "#pending"), ("/", "#pending-next"), ("/", "#never-run"), ($"/pending/{pendingId}", "#pending-why"),
                ($"/jobs/{WebTestBed.RunningJob}", "#job-log"), ($"/jobs/{WebTestBed.RunningJob}", "#job-error"),
                ($"/jobs/{WebTestBed.FailedJob}", "#job-events"), ("/frames/" + Uri.EscapeDataString(WebTestBed.Frame), "#frame-pending"),
            })
            {
                browser.Open(Bed.BaseUrl + path);
                var text = browser.Read(b => b.Find(css).Text);
                seen.Add($"{path} {css}: {text.Replace('\n', ' ')}");
                Assert.Contains(Script, text);
                Assert.Throws<NoAlertPresentException>(() => browser.Driver.SwitchTo().Alert());
            }
            foreach (var s in seen) output.WriteLine(s);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [ServiceFact(Needs.Browser)]
    public async Task No_new_page_scrolls_sideways_at_800_px()
    {
        var pendingId = await PlantAsync(null);
        using var browser = new ConsoleBrowser();
        browser.Driver.Manage().Window.Size = new System.Drawing.Size(800, 1400);
        foreach (var path in new[] { $"/jobs/{WebTestBed.RunningJob}", $"/jobs/{WebTestBed.FailedJob}", $"/pending/{pendingId}", "/jobs" })
        {
            browser.Open(Bed.BaseUrl + path);
            ConsoleJobFacts.NoSidewaysScroll(browser, path + " at 800 px");
        }
        browser.Open($"{Bed.BaseUrl}/jobs/{WebTestBed.FailedJob}");
        browser.Screenshot("job-failed-800");
    }

    [ServiceFact(Needs.Browser)]
    public void A_failed_job_s_page_has_its_exit_error_log_tail_and_events()
    {
        using var browser = new ConsoleBrowser();
        browser.Open($"{Bed.BaseUrl}/jobs/{WebTestBed.FailedJob}");

        var facts = browser.Find("#job-facts").Text;
        var events = browser.FindAll("#job-events tbody tr").Select(r => r.Text).ToList();
        output.WriteLine(facts + "\n" + string.Join("\n", events));
        Assert.Equal("FAILED", browser.Find("#job-state").Text);
        Assert.Contains("exit code 3", facts);
        Assert.Contains("download failed: <404>", browser.Find("#job-error").Text);
        Assert.Contains(WebTestBed.Frame, facts);
        Assert.Contains("proc02", facts);
        // The seed's events of job 9 in time order: launched first, failed last (another test of the class may add a progress between).
        Assert.Contains("launched", events[0]);
        Assert.Contains("failed", events[^1]);
        Assert.Contains("ERROR: <orbit> file S1A_OPER missing & no fallback", browser.Find("main").Text);
        browser.Screenshot("job-failed");
    }

    [ServiceFact(Needs.Browser)]
    public async Task A_held_frame_is_marked_in_the_frames_list_and_on_its_page()
    {
        await using (var db = Bed.Db.Factory.Create())
            await db.Frames.Where(f => f.Id == WebTestBed.Frame).ExecuteUpdateAsync(s => s.SetProperty(f => f.HeldAt, DateTime.UtcNow).SetProperty(f => f.HeldBy, "hanna"));
        try
        {
            using var browser = new ConsoleBrowser();
            browser.Open(Bed.BaseUrl + "/frames");
            var row = browser.Find($"#frames tr[data-frame='{WebTestBed.Frame}']");
            var other = browser.Find($"#frames tr[data-frame=\"{WebTestBed.ScriptFrame.Replace("'", "\\'")}\"]");
            Assert.Single(row.FindElements(By.CssSelector(".badge-held")));
            Assert.Empty(other.FindElements(By.CssSelector(".badge-held")));
            browser.Open(Bed.BaseUrl + "/frames/" + WebTestBed.Frame);
            var held = browser.Read(b => b.Find("#frame-held").GetAttribute("title"));
            output.WriteLine(held);
            Assert.Contains("held by hanna", held);
            browser.Screenshot("frame-held");
        }
        finally
        {
            await using var db = Bed.Db.Factory.Create();
            await db.Frames.Where(f => f.Id == WebTestBed.Frame).ExecuteUpdateAsync(s => s.SetProperty(f => f.HeldAt, (DateTime?)null).SetProperty(f => f.HeldBy, (string?)null));
        }
    }

    [Fact]
    public async Task Bad_input_gets_one_clear_message()
    {
        var bursts = await Bed.Http.GetAsync(Bed.BaseUrl + "/bursts?track=abc");
        var job = await Bed.Http.GetAsync(Bed.BaseUrl + "/jobs/99999");
        var log = await Bed.Http.GetAsync(Bed.BaseUrl + $"/jobs/{WebTestBed.RunningJob}/log?from=-5");
        var burstsText = await bursts.Content.ReadAsStringAsync();
        var jobText = await job.Content.ReadAsStringAsync();
        output.WriteLine($"{(int)bursts.StatusCode} {(int)job.StatusCode} {(int)log.StatusCode}");
        Assert.Equal((400, 404), ((int)bursts.StatusCode, (int)job.StatusCode));
        Assert.Contains("track must be a relative orbit number", burstsText);
        Assert.Contains("not \"abc\"", burstsText);
        Assert.Contains("No job #99999", jobText);
        // Job 7 of the seed has no log path: that is said, before any offset is read.
        Assert.Contains((int)log.StatusCode, new[] { 400, 404 });
    }

    /// <summary>
    /// Writes, as the daemon's plan and a job would, a &lt;script&gt; into the new fields: the pending jobs' reason (one
    /// can never run), the running job's log and stop reason, an event of the failed job. Returns the planted pending id.
    /// </summary>
    private async Task<long> PlantAsync(string? logPath)
    {
        await using var db = Bed.Db.Factory.Create();
        await db.PendingJobs.ExecuteUpdateAsync(s => s.SetProperty(p => p.WaitReason, "too big")
            .SetProperty(p => p.WaitDetail, "needs 64 GB memory " + Script + "; largest machine 16 GB memory; it can never run until a bigger machine is configured"));
        await db.RunningJobs.Where(j => j.Id == WebTestBed.RunningJob).ExecuteUpdateAsync(s => s.SetProperty(j => j.LogPath, logPath).SetProperty(j => j.StopReason, Script));
        if (!await db.JobEvents.AnyAsync(e => e.JobId == WebTestBed.FailedJob && e.Kind == "progress"))
        {
            db.JobEvents.Add(new JobEvent { JobId = WebTestBed.FailedJob, Kind = "progress", FrameId = WebTestBed.Frame, Machine = "proc02", Message = Script, Time = DateTime.UtcNow.AddMinutes(-6) });
            await db.SaveChangesAsync();
        }
        return await db.PendingJobs.Where(p => p.FrameId == WebTestBed.Frame).Select(p => p.Id).FirstAsync();
    }
}
