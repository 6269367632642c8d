using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace SatDaemon.Tests.Web;

/// <summary>Headless system Chromium driven through chromedriver; saves a screenshot of each page it is asked to.</summary>
public sealed class ConsoleBrowser : IDisposable
{
    private readonly ChromeDriver _driver;

    public ConsoleBrowser()
    {
        if (!SystemChromium.Installed)
            throw new InvalidOperationException($"{SystemChromium.Browser} and {SystemChromium.Driver} are needed (apt-get install chromium chromium-driver)");
        // Selenium Manager must not reach out: everything it would look for is given here.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(SystemChromium.Driver)!, Path.GetFileName(SystemChromium.Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = SystemChromium.Browser };
        // --no-sandbox: tests run as root in CI, where Chromium refuses its sandbox.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600");
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public IWebDriver Driver => _driver;

    public void Open(string url) => _driver.Navigate().GoToUrl(url);

    public IWebElement Find(string css) => _driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => _driver.FindElements(By.CssSelector(css));

    /// <summary>Polls until the condition holds (live pages update every 2 s, so an element may be replaced mid-read).</summary>
    public void WaitUntil(Func<IWebDriver, bool> condition, TimeSpan timeout)
    {
        var wait = new WebDriverWait(_driver, timeout) { PollingInterval = TimeSpan.FromMilliseconds(200) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        wait.Until(condition);
    }

    /// <summary>Reads from a live page: a read that raced the 2 s refresh (the element was replaced) is read again.</summary>
    public T Read<T>(Func<ConsoleBrowser, T> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return read(this); }
            catch (StaleElementReferenceException) when (attempt < 5) { }
        }
    }

    /// <summary>Saves what a person would see under TestResults/web-screenshots, the results folder test.sh gives dotnet test.</summary>
    public string Screenshot(string name)
    {
        var dir = Path.Combine(Infrastructure.RepoPaths.Root, "TestResults", "web-screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}
