using System.Drawing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using SatDaemon.Database.Model;
using SatDaemon.Hosting;
using SatDaemon.Tests.Audit;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The job pages, pending reasons, drains and cancel on the console a real daemon serves ([WEB] listen), in headless
/// Chromium: a job's log lines appearing while its command writes them, a job too big for every machine marked on its
/// own row, a drained machine shown drained, and a cancel from the browser that leaves none of the job's processes (ps).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleJobFacts(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [ServiceFact(Needs.Browser)]
    public async Task A_running_job_s_page_shows_its_log_lines_appearing_while_it_runs()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, simulate: false);
        var gate1 = Path.Combine(bed.Dir, "gate1");
        var gate2 = Path.Combine(bed.Dir, "gate2");
        // The command writes a line, waits for the test's first gate, writes a second, waits for the second gate: the
        // test decides when each line exists, so it sees the page before and after without timing anything.
        bed.Config.Set("JOB:download", "command",
            $"sh -c \"echo log-line-one; while [ ! -e {gate1} ]; do sleep 0.2; done; echo log-line-two '<script>alert(1)</script>'; " +
            $"while [ ! -e {gate2} ]; do sleep 0.2; done; echo log-line-three; mkdir -p {{frame_dir}}/download && touch {{frame_dir}}/download/{{date}}.done\"");
        bed.Config.Set("WEB", "listen", "127.0.0.1:0");
        bed.WriteConfig();
        await bed.AddFrameAsync("064A_WEB_LOG", 1, ProcLevel.Download);
        await using var daemon = bed.StartInProcess();
        var url = await UrlAsync(daemon);
        long jobId = 0;
        await WaitFor.ConditionAsync(async () =>
        {
            var rows = await OwnSql.RowsAsync(bed.Factory, "SELECT id, log_path FROM running_jobs");
            if (rows.Count == 0 || rows[0][1] is not { } log || !File.Exists(log) || !File.ReadAllText(log).Contains("log-line-one")) return false;
            jobId = long.Parse(rows[0][0]!);
            return true;
        }, Wait, "the job running and its first line in its log", dump: bed.Factory);

        using var browser = new ConsoleBrowser();
        browser.Open($"{url}/jobs/{jobId}");
        // A mark on the window: it survives only as long as the page is not reloaded.
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("window.__sameDocument = 1;");
        var first = browser.Find("#job-log").Text;
        output.WriteLine($"job {jobId}, log at first:\n{first}");
        Assert.Contains("log-line-one", first);
        Assert.DoesNotContain("log-line-two", first);
        Assert.Equal("RUNNING", browser.Find("#job-state").Text);

        File.WriteAllText(gate1, "");
        browser.WaitUntil(d => d.FindElement(By.Id("job-log")).Text.Contains("log-line-two"), Wait);
        var second = browser.Find("#job-log").Text;
        output.WriteLine("log after the first gate:\n" + second);
        Assert.Contains("log-line-two <script>alert(1)</script>", second);
        Assert.Equal(1L, ((IJavaScriptExecutor)browser.Driver).ExecuteScript("return window.__sameDocument;"));
        Assert.Throws<NoAlertPresentException>(() => browser.Driver.SwitchTo().Alert());
        DocScreenshot(browser, "console-job", 1600);
        browser.Driver.Manage().Window.Size = new Size(800, 1400);
        NoSidewaysScroll(browser, "job page at 800 px");
        DocScreenshot(browser, "console-job-800", 800);

        File.WriteAllText(gate2, "");
        browser.WaitUntil(d => d.FindElement(By.Id("job-log")).Text.Contains("log-line-three"), Wait);
        browser.WaitUntil(d => d.FindElement(By.Id("log-live")).Text.Contains("has ended"), Wait);
        var last = browser.Find("#job-log").Text;
        output.WriteLine("log at the end:\n" + last + "\n" + browser.Find("#log-live").Text);
        // Each line once: the tail appends from where it ended, never the same bytes twice.
        Assert.Equal(1, Count(last, "log-line-one"));
        Assert.Equal(1, Count(last, "log-line-two"));
        Assert.Equal(1, Count(last, "log-line-three"));
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task A_job_too_big_for_every_machine_says_on_its_row_that_it_can_never_run_and_a_drained_machine_shows_drained()
    {
        // m01 has 8 GB, m02 16 GB; a download needs 48: no machine could ever hold it.
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, simulate: false, machines: c =>
        {
            c.Machines(2, "local");
            c.Set("PROC_MACHINES:m01", "memory", "8");
            c.Set("PROC_MACHINES:m02", "memory", "16");
        });
        bed.Config.Set("JOB:download", "memory", "48");
        bed.Config.Set("WEB", "listen", "127.0.0.1:0");
        bed.WriteConfig();
        await bed.AddFrameAsync("064A_WEB_BIG", 3, ProcLevel.Download);
        var drain = await ToolProcess.RunAsync("ctl", "drain", "m02", "-d", bed.ConfigPath);
        output.WriteLine(drain.ToString());
        Assert.Equal(0, drain.ExitCode);
        await using var daemon = bed.StartInProcess();
        var url = await UrlAsync(daemon);
        await WaitFor.ConditionAsync(async () =>
            (await OwnSql.RowsAsync(bed.Factory, "SELECT count(*) FROM pending_jobs WHERE wait_detail IS NULL")).Single()[0] == "0"
            && (await OwnSql.RowsAsync(bed.Factory, "SELECT count(*) FROM pending_jobs")).Single()[0] != "0",
            Wait, "every pending job planned", dump: bed.Factory);
        var pending = (await OwnSql.RowsAsync(bed.Factory, "SELECT id FROM pending_jobs WHERE job_type = 'download' ORDER BY id")).Select(r => r[0]!).ToList();

        using var browser = new ConsoleBrowser();
        browser.Open(url + "/jobs");
        foreach (var id in pending)
        {
            var row = browser.Read(b => b.Find($"#pending tr[data-pending='{id}']").Text);
            output.WriteLine($"P{id}: {row}");
            Assert.Contains($"P{id}", row);
            Assert.Contains("can never run", row);
            // The config's numbers: the type's 48 GB, the largest machine's 16.
            Assert.Contains("needs 48 GB memory; largest machine 16 GB memory", row);
        }
        browser.Screenshot("jobs-never-run");

        browser.Open(url + "/");
        var never = browser.Read(b => b.Find("#never-run").Text);
        var m02 = browser.Read(b => b.Find(".machine[data-machine='m02']").Text);
        var m01 = browser.Read(b => b.Find(".machine[data-machine='m01']").Text);
        output.WriteLine($"overview: {never} | m01: {m01} | m02: {m02}");
        Assert.Contains($"{pending.Count} download, needs 48 GB memory; largest machine 16 GB memory", never);
        Assert.Contains("drained", m02);
        Assert.DoesNotContain("available", m02);
        Assert.Contains("available", m01);
        Assert.Equal(1, browser.Read(b => b.FindAll(".machine[data-machine='m02'] .badge-drained").Count));
        browser.Screenshot("overview-never-run-drained");
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task Cancel_from_the_console_stops_the_job_s_processes()
    {
        using var users = await ConsoleUsers.CreateAsync();
        var marker = "sleep " + (900000 + Random.Shared.Next(90000));
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, simulate: false);
        // Two sleeps in one session, the marker on both command lines: what ps counts, whatever the daemon records.
        bed.Config.Set("JOB:download", "command", $"sh -c \"{marker} & {marker} & wait\"");
        bed.Config.Set("PARAMETERS", "kill_grace", "2s");
        bed.Config.Set("WEB", "listen", "127.0.0.1:0");
        bed.Config.Set("WEB", "users_file", users.UsersFile);
        bed.WriteConfig();
        await bed.AddFrameAsync("064A_WEB_CANCEL", 1, ProcLevel.Download);
        await using var daemon = bed.StartInProcess();
        var url = await UrlAsync(daemon);
        await WaitFor.ConditionAsync(() => ProcessCensus.Take(marker).Count(p => p.Args.StartsWith(marker, StringComparison.Ordinal)) == 2, Wait, "the job's two sleeps running", dump: bed.Factory);
        var jobId = long.Parse((await OwnSql.RowsAsync(bed.Factory, "SELECT id FROM running_jobs")).Single()[0]!);
        var before = ProcessCensus.Take(marker);

        using var browser = new ConsoleBrowser();
        browser.Open(url + "/signin");
        browser.Find("#signin input[name=user]").SendKeys(ConsoleUsers.Operator);
        browser.Find("#signin input[name=password]").SendKeys(ConsoleUsers.OperatorPassword);
        browser.Find("#signin button").Click();
        browser.WaitUntil(d => d.FindElements(By.Id("signed-in")).Count == 1, Wait);
        browser.Open($"{url}/jobs/{jobId}");
        browser.Find("#control-cancel button").Click();
        browser.WaitUntil(d => d.FindElements(By.Id("control-cancel-confirm")).Count == 1, Wait);
        browser.Screenshot("job-cancel-confirm");
        browser.Find("#control-cancel-confirm button").Click();
        browser.WaitUntil(d => d.FindElements(By.Id("message-cancel")).Count == 1, Wait);
        var message = browser.Find("#message-cancel").Text;

        await WaitFor.ConditionAsync(() => ProcessCensus.Take(marker).Count(p => p.Args.StartsWith(marker, StringComparison.Ordinal)) == 0, Wait, "the job's processes gone", dump: bed.Factory);
        await WaitFor.ConditionAsync(async () => (await OwnSql.RowsAsync(bed.Factory, "SELECT count(*) FROM job_events WHERE kind = 'cancelled'")).Single()[0] == "1",
            Wait, "the cancel recorded", dump: bed.Factory);
        var audit = (await AuditRow.ReadAllAsync(bed.Factory)).ToList();
        output.WriteLine($"before: {string.Join("; ", before)}\nmessage: {message}");
        foreach (var a in audit) output.WriteLine(a.ToString());

        Assert.Equal(2, before.Count(p => p.Args.StartsWith(marker, StringComparison.Ordinal)));
        Assert.DoesNotContain(ProcessCensus.Take(marker), p => p.Args.StartsWith(marker, StringComparison.Ordinal));
        Assert.Contains($"job {jobId}", message);
        Assert.Contains(audit, a => a.User == ConsoleUsers.Operator && a.Source == "web" && a.Action == "cancel");
        Assert.Empty(await OwnSql.RowsAsync(bed.Factory, "SELECT id FROM failed_jobs"));
    }

    private static async Task<string> UrlAsync(InProcessDaemon daemon)
    {
        var web = daemon.Services.GetRequiredService<WebConsoleService>();
        await WaitFor.ConditionAsync(() => web.Url is not null, Wait, "the daemon's console to listen");
        return web.Url!;
    }

    internal static void NoSidewaysScroll(ConsoleBrowser browser, string what)
    {
        var js = (IJavaScriptExecutor)browser.Driver;
        var scroll = Convert.ToInt64(js.ExecuteScript("return document.documentElement.scrollWidth;"));
        var inner = Convert.ToInt64(js.ExecuteScript("return window.innerWidth;"));
        Console.WriteLine($"{what}: scrollWidth {scroll}, innerWidth {inner}");
        Assert.True(scroll <= inner, $"{what} scrolls sideways: scrollWidth {scroll} > innerWidth {inner}");
    }

    /// <summary>A screenshot for the docs (docs/images), besides the one kept with the results.</summary>
    internal static void DocScreenshot(ConsoleBrowser browser, string name, int width)
    {
        browser.Driver.Manage().Window.Size = new Size(width, 1400);
        var path = browser.Screenshot(name);
        File.Copy(path, Path.Combine(RepoPaths.Root, "docs", "images", name + ".png"), overwrite: true);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
