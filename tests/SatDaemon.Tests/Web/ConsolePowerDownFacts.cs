using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using SatDaemon.Hosting;
using SatDaemon.Tests.Audit;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>Power-down from the browser, on the console a running daemon serves ([WEB] listen), over PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsolePowerDownFacts(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task Power_down_from_the_browser_stops_the_daemon_with_exit_0_after_its_running_jobs_finish()
    {
        using var users = await ConsoleUsers.CreateAsync();
        // Jobs of 6 s (a plain sleep): long enough that some run when the request comes.
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, seconds: 6, simulate: false);
        bed.Config.Set("WEB", "listen", "127.0.0.1:0");
        bed.Config.Set("WEB", "users_file", users.UsersFile);
        bed.WriteConfig();
        await bed.AddFrameAsync("064A_WEB_POWER", 3);
        var logs = new CapturingLoggerProvider();
        await using var daemon = bed.StartInProcess(logs);
        await WaitFor.ConditionAsync(async () => await OwnCountAsync(bed, "SELECT count(*) FROM running_jobs") > 0, Wait, "a job running", dump: bed.Factory);
        var url = daemon.Services.GetRequiredService<WebConsoleService>().Url!;

        using var browser = new ConsoleBrowser();
        browser.Open(url + "/signin");
        browser.Find("#signin input[name=user]").SendKeys(ConsoleUsers.Operator);
        browser.Find("#signin input[name=password]").SendKeys(ConsoleUsers.OperatorPassword);
        browser.Find("#signin button").Click();
        browser.WaitUntil(d => d.FindElements(By.Id("control-power-down")).Count == 1, Wait);
        browser.Find("#control-power-down button").Click();
        browser.WaitUntil(d => d.FindElements(By.Id("control-power-down-confirm")).Count == 1, Wait);
        browser.Find("#control-power-down-confirm button").Click();
        browser.WaitUntil(d => d.FindElements(By.Id("message-power-down")).Count == 1, Wait);
        var runningAtRequest = await OwnCountAsync(bed, "SELECT count(*) FROM running_jobs");

        var exited = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(90));
        var launched = await OwnCountAsync(bed, "SELECT count(*) FROM job_events WHERE kind = 'launched'");
        var finished = await OwnCountAsync(bed, "SELECT count(*) FROM job_events WHERE kind = 'finished'");
        var leftRunning = await OwnCountAsync(bed, "SELECT count(*) FROM running_jobs");
        var leftPending = await OwnCountAsync(bed, "SELECT count(*) FROM pending_jobs");
        var audit = (await AuditRow.ReadAllAsync(bed.Factory)).ToList();
        output.WriteLine($"running when the request was made: {runningAtRequest}; exited: {exited}, exit code {daemon.ExitCode}; " +
                         $"launched {launched}, finished {finished}; left running {leftRunning}, pending {leftPending}");
        foreach (var a in audit) output.WriteLine(a.ToString());

        Assert.True(runningAtRequest > 0, "no job was running when power-down was asked for");
        Assert.True(exited, "the daemon did not exit after power-down\n" + logs.AllText);
        Assert.Equal(0, daemon.ExitCode);
        // Every job it launched ran to its end (none killed or cancelled), and nothing waits or runs any more.
        Assert.Equal(launched, finished);
        Assert.Equal((0, 0), (leftRunning, leftPending));
        Assert.Equal([new AuditRow(ConsoleUsers.Operator, "web", "power_down", "daemon", "off", "on")], audit);
    }

    private static async Task<long> OwnCountAsync(DaemonTestBed bed, string sql) =>
        long.Parse((await OwnSql.RowsAsync(bed.Factory, sql)).Single()[0]!, System.Globalization.CultureInfo.InvariantCulture);
}
