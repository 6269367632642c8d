using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using SatDaemon.Configuration;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The new-frame map of a signed-in operator (real console on SQLite, users made by the real web-user tool, headless
/// Chromium) after zooming: a click still ticks the burst under it, and a drag that starts on a burst only pans.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleMapPickFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private ConsoleUsers _users = null!;
    private WebTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _users = await ConsoleUsers.CreateAsync();
        _bed = await WebTestBed.StartAsync(postgres: false, new WebOptions { UsersFile = _users.UsersFile });
    }

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _users.Dispose();
    }

    [ServiceFact(Needs.Browser)]
    public void After_zooming_a_click_ticks_a_burst_and_a_drag_ticks_none()
    {
        using var browser = new ConsoleBrowser();
        browser.Open(_bed.BaseUrl + "/signin");
        browser.Find("#signin input[name=user]").SendKeys(ConsoleUsers.Operator);
        browser.Find("#signin input[name=password]").SendKeys(ConsoleUsers.OperatorPassword);
        browser.Find("#signin button").Click();
        browser.WaitUntil(d => d.FindElements(By.Id("signed-in")).Count == 1, Wait);
        browser.Open(_bed.BaseUrl + "/frames/new?track=132");

        var home = browser.Find("#pick-map").GetDomAttribute("viewBox");
        browser.Find(".map-tools button[data-map-zoom='in']").Click();
        var zoomed = browser.Find("#pick-map").GetDomAttribute("viewBox");
        // A drag starting on a burst pans the map and ticks nothing.
        new Actions(browser.Driver).MoveToElement(browser.Find("#pick-map path[data-id='132_8603_IW1']")).ClickAndHold().MoveByOffset(60, 30).Release().Perform();
        var dragged = browser.Find("#pick-map").GetDomAttribute("viewBox");
        var tickedByDrag = Ticked(browser);
        browser.Find("#pick-map path[data-id='132_8603_IW1']").Click();
        var ticked = Ticked(browser);
        output.WriteLine($"viewBox home {home}, zoomed {zoomed}, dragged {dragged}; ticked after the drag [{string.Join(", ", tickedByDrag)}], after the click [{string.Join(", ", ticked)}]");
        browser.Screenshot("frame-create-zoomed");

        Assert.NotEqual(home, zoomed);
        Assert.NotEqual(zoomed, dragged);
        Assert.Empty(tickedByDrag);
        Assert.Equal(["132_8603_IW1"], ticked);
        Assert.Single(browser.FindAll("#pick-map path.picked"));
    }

    private static List<string> Ticked(ConsoleBrowser b) =>
        b.FindAll("#new-frame input[name=burst]").Where(c => c.Selected).Select(c => c.GetDomAttribute("value") ?? "").ToList();
}
