using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SatDaemon.Web.Hosting;

/// <summary>
/// Renders each live page once right after start, in the background, so the first person to open the console does not
/// pay for compiling them: the first overview after start took 1.5–3 s (JIT of every page part, EF's query
/// compilation, the first connections), a warm one a tenth of that. The pages are built in process with an anonymous
/// request (no HTTP, so the viewing gate is not involved and nothing is sent anywhere); what they return is dropped.
/// A page that fails (no database yet) is logged at debug; its first request then pays as before.
/// </summary>
public sealed class ConsoleWarmup
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every page has been built once (or the warm-up gave up); the bench waits for it.</summary>
    public Task Done => _done.Task;

    /// <summary>How long the warm-up took; null until it is done.</summary>
    public TimeSpan? Took { get; private set; }

    internal static void Use(WebApplication app)
    {
        var warmup = app.Services.GetRequiredService<ConsoleWarmup>();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() =>
        {
            var url = WebConsole.Url(app);
            _ = Task.Run(() => warmup.RunAsync(app.Services, url, lifetime.ApplicationStopping));
        });
    }

    private async Task RunAsync(IServiceProvider services, string url, CancellationToken ct)
    {
        var data = services.GetRequiredService<ConsoleData>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger<ConsoleWarmup>();
        var start = data.Time.GetTimestamp();
        HttpContext Request() => new DefaultHttpContext { RequestServices = services };
        Func<Task>[] pages =
        [
            () => PageEndpoints.OverviewAsync(Request(), data, false, null, 200, ct),
            () => PageEndpoints.JobsAsync(Request(), data, new Data.JobFilter(null, null, null), null, 200, ct),
            async () =>
            {
                var frames = await data.Frames.ListAsync(ct);
                Pages.FramesPage.Render(frames, await data.JobPages.HeldFramesAsync(ct));
                Pages.MapPage.Render(frames);
                if (frames.Count > 0) await PageEndpoints.FrameAsync(Request(), data, frames[0].Id, null, null, 200, ct);
            },
            async () => Pages.TrendsPage.Render(await TrendEndpoints.LoadAsync(data, null, Trends.TrendWindow.Week, ct), (await data.StatusAsync(ct)).Machines),
        ];
        foreach (var page in pages)
        {
            if (ct.IsCancellationRequested) break;
            try
            {
                await page();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopped before it finished: nothing to warm any more.
            }
            catch (Exception e)
            {
                log.LogDebug(e, "console warm-up: a page failed; its first request compiles it");
            }
        }
        // Then the HTTP side once (Kestrel, routing, the middleware, writing a page and a 304): the overview over
        // loopback: the page, a poll, and a poll with the poll's tag. Behind sign-in it is the redirect that runs, which warms all but the page.
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
            using var page = await client.GetAsync("/", ct);
            using var first = await client.GetAsync("/?partial=1", ct);
            using var poll = new HttpRequestMessage(HttpMethod.Get, "/?partial=1");
            if (first.Headers.ETag is { } tag) poll.Headers.IfNoneMatch.Add(tag);
            using var second = await client.SendAsync(poll, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogDebug(e, "console warm-up: the loopback request failed; the first request warms the HTTP side");
        }
        Took = data.Time.GetElapsedTime(start);
        _done.TrySetResult();
    }
}
