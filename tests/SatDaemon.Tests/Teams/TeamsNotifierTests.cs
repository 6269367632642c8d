using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SatDaemon.Control.Teams;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Teams;

/// <summary>End-to-end tests over real loopback HTTP.</summary>
public sealed class TeamsNotifierTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly LoopbackTeamsReceiver _receiver = new(TeamsTestMessages.SecretPath);
    private readonly CapturingLogger<TeamsNotifier> _log = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        AssertNoSecretLogged(_receiver.Url);
    }

    [Fact]
    public async Task OneFailure_PostsOneAdaptiveCardWithAllFactsAndLogTail()
    {
        await using var notifier = new TeamsNotifier(TeamsTestMessages.Options(_receiver.Url), _log);

        Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(7)));
        await notifier.FlushAsync(Wait);

        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());

        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal(3, body.Count);
        Assert.Equal("TextBlock", body[0].GetProperty("type").GetString());
        Assert.Contains("044D_0007", body[0].GetProperty("text").GetString());
        Assert.Equal("FactSet", body[1].GetProperty("type").GetString());
        var facts = body[1].GetProperty("facts").EnumerateArray()
            .Select(f => (f.GetProperty("title").GetString(), f.GetProperty("value").GetString()))
            .ToList();
        Assert.Equal(
            [("Frame", "044D_0007_131313"), ("Job type", "insar_pair"), ("Date", "2025-03-14"), ("Machine", "node07"), ("Exit code", "137")],
            facts);
        Assert.Equal("Monospace", body[2].GetProperty("fontType").GetString());
        Assert.Equal(TeamsTestMessages.JobFailure().Text, body[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task MessageCardFormat_PostsConnectorCard()
    {
        await using var notifier = new TeamsNotifier(TeamsTestMessages.Options(_receiver.Url, TeamsFormat.MessageCard), _log);

        Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(3)));
        await notifier.FlushAsync(Wait);

        using var json = JsonDocument.Parse(Assert.Single(_receiver.Requests).Body);
        var root = json.RootElement;
        Assert.Equal("MessageCard", root.GetProperty("@type").GetString());
        Assert.Equal("http://schema.org/extensions", root.GetProperty("@context").GetString());
        Assert.Equal("D13438", root.GetProperty("themeColor").GetString());
        Assert.Contains("044D_0003", root.GetProperty("title").GetString());
        Assert.Equal(root.GetProperty("title").GetString(), root.GetProperty("summary").GetString());
        var section = Assert.Single(root.GetProperty("sections").EnumerateArray());
        var facts = section.GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("137", facts["Exit code"]);
        Assert.Equal("node07", facts["Machine"]);
        Assert.Contains("out of memory", section.GetProperty("text").GetString());
    }

    [Fact]
    public async Task TooManyRequests_ThenOk_IsDeliveredOnceAfterRetryAfter()
    {
        _receiver.Enqueue(new ScriptedResponse(429, RetryAfter: "1"), new ScriptedResponse(200));
        await using var notifier = new TeamsNotifier(TeamsTestMessages.Options(_receiver.Url), _log);

        Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure()));
        await notifier.FlushAsync(Wait);

        var requests = _receiver.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal([429, 200], requests.Select(r => r.AnsweredStatus));
        Assert.Single(requests, r => r.AnsweredStatus == 200);
        Assert.Equal(requests[0].Body, requests[1].Body);
        // Lower bound only (never an upper bound): the retry waited for Retry-After: 1.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900));
        Assert.Contains(_log.Entries, e => e.EventId == 3003);
    }

    [Fact]
    public async Task ServiceUnavailable_WithHttpDateRetryAfter_IsRetried()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(1).ToString("R");
        _receiver.Enqueue(new ScriptedResponse(503, RetryAfter: date), new ScriptedResponse(202));
        await using var notifier = new TeamsNotifier(TeamsTestMessages.Options(_receiver.Url), _log);

        notifier.TryEnqueue(TeamsTestMessages.JobFailure());
        await notifier.FlushAsync(Wait);

        Assert.Equal([503, 202], _receiver.Requests.Select(r => r.AnsweredStatus));
    }

    [Fact]
    public async Task HundredFailures_GiveBoundedPostsAndOneDigestWithTheRest()
    {
        var options = TeamsTestMessages.Options(_receiver.Url);
        await using var notifier = new TeamsNotifier(options, _log);

        for (var i = 1; i <= 100; i++)
        {
            Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(i)));
        }

        // No flush: the digest must come by itself at the end of the 2 s window.
        Assert.True(await _receiver.WaitForAnsweredAsync(4, Wait));
        await notifier.FlushAsync(Wait);

        var requests = _receiver.Requests;
        Assert.Equal(options.MaxMessagesPerWindow + 1, requests.Count);
        var titles = requests.Select(r => Title(r.Body)).ToList();
        Assert.Contains("044D_0001", titles[0]);
        Assert.Contains("044D_0003", titles[2]);
        Assert.Equal("97 errors in the last 2 s", titles[3]);
        Assert.True(requests[3].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(1500));

        var digestText = DigestText(requests[3].Body);
        var lines = digestText.Split('\n');
        Assert.Equal(TeamsPayloadBuilder.MaxDigestLines + 1, lines.Length);
        Assert.Contains("044D_0004", lines[0]);
        Assert.Contains("Exit code: 137", lines[0]);
        Assert.Equal("… and 47 more", lines[^1]);
    }

    [Fact]
    public async Task FlushAsync_SendsHeldDigestWithoutWaitingForTheWindow()
    {
        var options = TeamsTestMessages.Options(_receiver.Url);
        options.DigestWindow = TimeSpan.FromMinutes(10);
        await using var notifier = new TeamsNotifier(options, _log);

        for (var i = 1; i <= 5; i++)
        {
            notifier.TryEnqueue(TeamsTestMessages.JobFailure(i));
        }

        await notifier.FlushAsync(Wait);

        var titles = _receiver.Requests.Select(r => Title(r.Body)).ToList();
        Assert.Equal(4, titles.Count);
        Assert.Equal("2 errors in the last 600 s", titles[3]);
    }

    [Fact]
    public async Task BadRequest_IsDroppedWithoutRetry()
    {
        _receiver.Enqueue(new ScriptedResponse(400));
        await using var notifier = new TeamsNotifier(TeamsTestMessages.Options(_receiver.Url), _log);

        notifier.TryEnqueue(TeamsTestMessages.JobFailure());
        await notifier.FlushAsync(Wait);

        Assert.Equal([400], _receiver.Requests.Select(r => r.AnsweredStatus));
        var rejected = Assert.Single(_log.Entries, e => e.EventId == 3006);
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("127.0.0.1", rejected.Message);
    }

    [Fact]
    public async Task ServerErrors_AreRetriedUpToMaxAttemptsThenDropped()
    {
        _receiver.DefaultStatus = 500;
        var options = TeamsTestMessages.Options(_receiver.Url);
        options.MaxAttempts = 3;
        await using var notifier = new TeamsNotifier(options, _log);

        notifier.TryEnqueue(TeamsTestMessages.JobFailure());
        await notifier.FlushAsync(Wait);

        Assert.Equal(3, _receiver.Requests.Count);
        Assert.Single(_log.Entries, e => e.EventId == 3005 && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task EndpointDown_EnqueueReturnsFlushTimesOutAndErrorIsLoggedWithoutUrl()
    {
        var deadUrl = $"http://127.0.0.1:{FreePort.Next()}{TeamsTestMessages.SecretPath}";
        var options = TeamsTestMessages.Options(deadUrl);
        options.MaxAttempts = 3;
        options.RetryBaseDelay = TimeSpan.FromSeconds(1); // retries need >= 1.5 s of the notifier's clock
        // The notifier's own clock: the flush timeout and the retry delays pass only when the test moves it.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var notifier = new TeamsNotifier(options, _log, timeProvider: time);

        Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure()));
        Assert.True(await _log.WaitForEventAsync(3004, Wait), "the first attempt failed and a retry was scheduled");
        var flush = notifier.FlushAsync(TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromMilliseconds(200));
        await flush.WaitAsync(Wait);

        // Returned because of its own timeout (logged), while the retries (1 s of clock away) were still to come.
        Assert.Contains(_log.Entries, e => e.EventId == 3008);
        Assert.DoesNotContain(_log.Entries, e => e.EventId == 3005);

        for (var i = 0; i < 20 && !_log.Entries.Any(e => e.EventId == 3005); i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        Assert.True(await _log.WaitForEventAsync(3005, Wait));
        var gaveUp = Assert.Single(_log.Entries, e => e.EventId == 3005);
        Assert.Equal(LogLevel.Error, gaveUp.Level);
        Assert.Contains("127.0.0.1", gaveUp.Message);
        AssertNoSecretLogged(deadUrl);
    }

    [Fact]
    public async Task SlowReceiver_DoesNotBlockTryEnqueue()
    {
        _receiver.Enqueue(new ScriptedResponse(200, Delay: TimeSpan.FromSeconds(5)));
        await using var notifier = new TeamsNotifier(TeamsTestMessages.Options(_receiver.Url), _log);

        Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(0)));
        Assert.True(await _receiver.WaitForReceivedAsync(1, Wait));

        for (var i = 1; i <= 50; i++)
        {
            Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(i)));
        }

        // The first post is still being held by the receiver, so no enqueue waited for it.
        Assert.Equal(0, _receiver.AnsweredCount);
        _receiver.ReleaseHeld();
        await notifier.FlushAsync(Wait);
        Assert.Equal(4, _receiver.Requests.Count);
    }

    [Fact]
    public async Task FullQueue_DropsWithLogLineAndReturnsFalse()
    {
        _receiver.Enqueue(new ScriptedResponse(200, Delay: TimeSpan.FromSeconds(5)));
        var options = TeamsTestMessages.Options(_receiver.Url);
        options.MaxQueue = 2;
        await using var notifier = new TeamsNotifier(options, _log);

        notifier.TryEnqueue(TeamsTestMessages.JobFailure(0));
        Assert.True(await _receiver.WaitForReceivedAsync(1, Wait));
        Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(1)));
        Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(2)));

        Assert.False(notifier.TryEnqueue(TeamsTestMessages.JobFailure(3)));
        Assert.Single(_log.Entries, e => e.EventId == 3002);
        _receiver.ReleaseHeld();
    }

    [Fact]
    public async Task NoWebhook_IsSilentNoOp()
    {
        await using var notifier = new TeamsNotifier(new TeamsOptions { WebhookUrl = "" }, _log);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(notifier.TryEnqueue(TeamsTestMessages.JobFailure(i)));
        }

        await notifier.FlushAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(3000, Assert.Single(_log.Entries).EventId);
        Assert.Equal(0, _receiver.ReceivedCount);
    }

    private static string Title(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString()!;
    }

    private static string DigestText(string body)
    {
        using var json = JsonDocument.Parse(body);
        var blocks = json.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
        return blocks[blocks.GetArrayLength() - 1].GetProperty("text").GetString()!;
    }

    private void AssertNoSecretLogged(string url)
    {
        var logged = _log.AllText;
        Assert.DoesNotContain(url, logged);
        Assert.DoesNotContain(TeamsTestMessages.SecretMarker, logged);
        Assert.DoesNotContain("/workflows/", logged);
    }
}
