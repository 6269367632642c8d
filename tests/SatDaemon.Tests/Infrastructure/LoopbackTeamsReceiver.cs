using System.Collections.Concurrent;
using System.Net;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 standing in for a Teams webhook. Records every request,
/// answers from a script (then <see cref="DefaultStatus"/>), and can hold answers back
/// (<see cref="ScriptedResponse.Delay"/>) until the delay passes or <see cref="ReleaseHeld"/> is called.
/// </summary>
public sealed class LoopbackTeamsReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _release = new();
    private readonly Task _acceptLoop;
    private int _received;
    private int _answered;

    public LoopbackTeamsReceiver(string path = "/webhook")
    {
        // Another process could grab the port between probing and binding; retry a few times, each with a fresh
        // listener (one whose Start failed throws again on any change to its prefixes).
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUrl = $"http://127.0.0.1:{port}/";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        Url = BaseUrl.TrimEnd('/') + path;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl { get; }

    /// <summary>URL to configure as webhook (base URL plus the path given to the constructor).</summary>
    public string Url { get; }

    public int DefaultStatus { get; set; } = 200;

    /// <summary>Requests fully answered so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>Requests that arrived (answered or still held).</summary>
    public int ReceivedCount => Volatile.Read(ref _received);

    public int AnsweredCount => Volatile.Read(ref _answered);

    public void Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <summary>Answers every held request now.</summary>
    public void ReleaseHeld() => _release.Cancel();

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived (not necessarily answered).</summary>
    public Task<bool> WaitForReceivedAsync(int count, TimeSpan timeout) => WaitFor.UntilAsync(() => ReceivedCount >= count, timeout, TimeSpan.FromMilliseconds(10));

    /// <summary>Waits until at least <paramref name="count"/> requests have been answered and recorded.</summary>
    public Task<bool> WaitForAnsweredAsync(int count, TimeSpan timeout) => WaitFor.UntilAsync(() => AnsweredCount >= count, timeout, TimeSpan.FromMilliseconds(10));

    public async ValueTask DisposeAsync()
    {
        _release.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
        {
        }

        _release.Dispose();
    }


    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding))
        {
            body = await reader.ReadToEndAsync();
        }

        Interlocked.Increment(ref _received);
        var scripted = _script.TryDequeue(out var next) ? next : new ScriptedResponse(DefaultStatus);
        if (scripted.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, _release.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        var request = new ReceivedRequest(
            context.Request.HttpMethod,
            context.Request.Url?.PathAndQuery ?? string.Empty,
            context.Request.ContentType ?? string.Empty,
            body,
            scripted.Status,
            receivedAt);
        _requests.Enqueue(request);

        try
        {
            context.Response.StatusCode = scripted.Status;
            if (scripted.RetryAfter is not null)
            {
                context.Response.AddHeader("Retry-After", scripted.RetryAfter);
            }

            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or InvalidOperationException)
        {
            // Receiver shut down while holding the request.
        }

        Interlocked.Increment(ref _answered);
    }
}
