using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SatDaemon.Control.Teams;

/// <summary>
/// Background Teams poster for the daemon and the job wrapper. <see cref="TryEnqueue"/> only
/// writes to a bounded channel; one loop drains it, applies burst control
/// (<see cref="TeamsOptions.MaxMessagesPerWindow"/> individual posts per
/// <see cref="TeamsOptions.DigestWindow"/>, the rest as one digest) and posts with retries.
/// With no webhook configured it is a silent no-op, so callers need no "is Teams on?" checks.
/// </summary>
public sealed class TeamsNotifier : ITeamsNotifier
{
    private readonly TeamsOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient? _ownedHttpClient;
    private readonly Channel<TeamsMessage>? _queue;
    private readonly TeamsBurstWindow? _burst;
    private readonly TeamsWebhookSender? _sender;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _loop = Task.CompletedTask;

    // Flush bookkeeping: messages accepted but not yet sent or dropped, and a task completed when that reaches zero.
    private readonly Lock _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = NewSignal(completed: true);

    // Wakes the loop when a flush starts so a held digest goes out now instead of at the window's end.
    private TaskCompletionSource _wake = NewSignal(completed: false);
    private int _flushWaiters;
    private int _disposed;

    /// <param name="options">Validated here; the URL is not read from the environment (use <see cref="TeamsWebhookResolver"/>).</param>
    /// <param name="logger">Defaults to a null logger.</param>
    /// <param name="httpClient">Shared client to use; when null one is created and owned. Its URL logging (IHttpClientFactory handlers) must be off, or the secret URL is logged there.</param>
    /// <param name="timeProvider">Clock for windows, backoff and timeouts; defaults to <see cref="TimeProvider.System"/>.</param>
    public TeamsNotifier(
        TeamsOptions options,
        ILogger<TeamsNotifier>? logger = null,
        HttpClient? httpClient = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;

        if (!options.IsEnabled)
        {
            TeamsLog.Disabled(_logger);
            return;
        }

        if (httpClient is null)
        {
            // Our own per-attempt timeout applies; the client's must not cut it short.
            _ownedHttpClient = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            httpClient = _ownedHttpClient;
        }

        _sender = new TeamsWebhookSender(httpClient, new Uri(options.WebhookUrl!), options, _time, _logger);
        _burst = new TeamsBurstWindow(options.DigestWindow, options.MaxMessagesPerWindow, _time);
        _queue = Channel.CreateBounded<TeamsMessage>(new BoundedChannelOptions(options.MaxQueue)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with Wait, TryWrite fails fast when full instead of silently dropping
        });
        _loop = Task.Run(() => RunAsync(_shutdown.Token));
    }

    /// <inheritdoc />
    public bool TryEnqueue(TeamsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_queue is null)
        {
            return true;
        }

        lock (_gate)
        {
            if (!_queue.Writer.TryWrite(message))
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    TeamsLog.QueueFull(_logger, _options.MaxQueue, message.Title);
                }

                return false;
            }

            if (_pending++ == 0)
            {
                _idle = NewSignal(completed: false);
            }
        }

        return true;
    }

    /// <inheritdoc />
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task idle;
        lock (_gate)
        {
            if (_pending == 0)
            {
                return;
            }

            idle = _idle.Task;
        }

        Interlocked.Increment(ref _flushWaiters);
        try
        {
            Wake();
            await idle.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            TeamsLog.FlushTimedOut(_logger, timeout, Volatile.Read(ref _pending));
        }
        finally
        {
            Interlocked.Decrement(ref _flushWaiters);
        }
    }

    /// <summary>Stops at once: whatever is still queued or being retried is discarded (call <see cref="FlushAsync"/> first to send it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue?.Writer.TryComplete();
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the loop was cancelled mid-send or mid-wait.
        }

        var pending = Volatile.Read(ref _pending);
        if (pending > 0)
        {
            TeamsLog.DiscardedAtShutdown(_logger, pending);
        }

        _shutdown.Dispose();
        _ownedHttpClient?.Dispose();
    }

    private static TaskCompletionSource NewSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    private bool FlushRequested => Volatile.Read(ref _flushWaiters) > 0;

    private void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
        }
    }

    private Task TakeWakeSignal()
    {
        lock (_gate)
        {
            if (_wake.Task.IsCompleted)
            {
                _wake = NewSignal(completed: false);
            }

            return _wake.Task;
        }
    }

    private void Completed(int count)
    {
        lock (_gate)
        {
            _pending -= count;
            if (_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(_queue!.Reader, _burst!, _sender!, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposal.
        }
        catch (Exception ex)
        {
            // Log the type only: an exception message could in theory carry the URL.
            TeamsLog.LoopFailed(_logger, ex.GetType().Name);
        }
    }

    private async Task DrainAsync(
        ChannelReader<TeamsMessage> reader,
        TeamsBurstWindow burst,
        TeamsWebhookSender sender,
        CancellationToken cancellationToken)
    {
        Task<bool>? readable = null;
        while (true)
        {
            while (reader.TryRead(out var message))
            {
                if (burst.IsDigestDue)
                {
                    await SendDigestAsync(burst, sender, cancellationToken).ConfigureAwait(false);
                }

                if (burst.Admit(message))
                {
                    await SendSafelyAsync(sender, message, cancellationToken).ConfigureAwait(false);
                    Completed(1);
                }
                else
                {
                    TeamsLog.HeldForDigest(_logger, message.Title);
                }
            }

            if (burst.HasHeld && (burst.IsDigestDue || FlushRequested))
            {
                await SendDigestAsync(burst, sender, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Sleep until a message arrives, the held digest is due, or a flush asks to hurry.
            readable ??= reader.WaitToReadAsync(cancellationToken).AsTask();
            var wake = TakeWakeSignal();
            using var waitCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var digestDue = burst.HasHeld
                ? Task.Delay(burst.TimeUntilDigest, _time, waitCancel.Token)
                : Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, _time, waitCancel.Token);
            var first = await Task.WhenAny(readable, wake, digestDue).ConfigureAwait(false);
            await waitCancel.CancelAsync().ConfigureAwait(false);

            if (first == readable)
            {
                var more = await readable.ConfigureAwait(false);
                readable = null;
                if (!more)
                {
                    return; // Writer completed: disposal.
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task SendDigestAsync(TeamsBurstWindow burst, TeamsWebhookSender sender, CancellationToken cancellationToken)
    {
        var held = burst.TakeHeld();
        var digest = TeamsPayloadBuilder.CreateDigest(held, burst.Window);
        await SendSafelyAsync(sender, digest, cancellationToken).ConfigureAwait(false);
        Completed(held.Count);
    }

    /// <summary>An unexpected failure drops this one message; it must not kill the loop and silence all later ones.</summary>
    private async Task SendSafelyAsync(TeamsWebhookSender sender, TeamsMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Type only: an exception message could in theory carry the URL.
            TeamsLog.LoopFailed(_logger, ex.GetType().Name);
        }
    }
}
