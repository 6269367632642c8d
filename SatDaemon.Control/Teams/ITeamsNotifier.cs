namespace SatDaemon.Control.Teams;

/// <summary>Posts notifications to Teams in the background; callers never wait for the network.</summary>
public interface ITeamsNotifier : IAsyncDisposable
{
    /// <summary>
    /// Queues a message and returns at once. False when the queue is full or the notifier is
    /// disposed (the message is dropped). Always true when notifications are disabled.
    /// </summary>
    bool TryEnqueue(TeamsMessage message);

    /// <summary>
    /// Waits until everything queued so far (including a held digest, which is sent early) has
    /// been posted or dropped, or until <paramref name="timeout"/> elapses. A timeout is logged,
    /// not thrown, because callers use this right before exiting.
    /// </summary>
    Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
