namespace SatDaemon.Control.Teams;

/// <summary>
/// Burst control: the first message after a quiet period opens a window; the first
/// <c>maxIndividual</c> messages in it go out one by one, later ones are held and leave as a
/// single digest when the window ends. Keeps Teams (and the channel's readers) from being
/// flooded when a whole batch of jobs fails at once. Not thread-safe: used by the send loop only.
/// </summary>
internal sealed class TeamsBurstWindow(TimeSpan window, int maxIndividual, TimeProvider time)
{
    private readonly List<TeamsMessage> _held = [];
    private DateTimeOffset? _end;
    private int _sentInWindow;

    public bool HasHeld => _held.Count > 0;

    public int HeldCount => _held.Count;

    public TimeSpan Window => window;

    /// <summary>True once the window holding messages has ended.</summary>
    public bool IsDigestDue => HasHeld && time.GetUtcNow() >= _end;

    /// <summary>Time left until the held messages are due; zero when none are held.</summary>
    public TimeSpan TimeUntilDigest
    {
        get
        {
            if (!HasHeld || _end is null)
            {
                return TimeSpan.Zero;
            }

            var left = _end.Value - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// True: send <paramref name="message"/> now. False: it was held for the digest.
    /// The caller takes a due digest before admitting more, so held messages never span windows.
    /// </summary>
    public bool Admit(TeamsMessage message)
    {
        var now = time.GetUtcNow();
        if (_end is null || now >= _end)
        {
            _end = now + window;
            _sentInWindow = 0;
        }

        if (_sentInWindow < maxIndividual)
        {
            _sentInWindow++;
            return true;
        }

        _held.Add(message);
        return false;
    }

    /// <summary>Removes and returns the held messages. The window stays open, so the burst limit still applies to it.</summary>
    public IReadOnlyList<TeamsMessage> TakeHeld()
    {
        var taken = _held.ToArray();
        _held.Clear();
        return taken;
    }
}
