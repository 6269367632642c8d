using System.Collections.Concurrent;

namespace SatDaemon.Web.Access;

/// <summary>
/// The lock-out: after <c>maxFailures</c> wrong passwords in a row a name is refused, the right password too, until
/// <c>lockout</c> has passed. Kept in memory (a restart of the console lifts it) and by name, unknown names too, so that
/// guessing at one account is slowed the same whether it exists or not.
/// </summary>
public sealed class SignInThrottle(int maxFailures, TimeSpan lockout, TimeProvider time)
{
    /// <summary>Names beyond this many are forgotten once their lock-out has passed, so random names cannot fill memory.</summary>
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the name's lock-out ends, or null when it may try.</summary>
    public DateTimeOffset? LockedUntil(string name) =>
        _entries.TryGetValue(name, out var e) && e.LockedUntil is { } until && until > time.GetUtcNow() ? until : null;

    /// <summary>Counts a wrong password; returns the lock-out's end when this failure locked the name.</summary>
    public DateTimeOffset? Failed(string name)
    {
        if (_entries.Count > MaxTracked) Prune();
        var now = time.GetUtcNow();
        var e = _entries.AddOrUpdate(name,
            _ => Next(new Entry(0, null), now),
            (_, old) => Next(old.LockedUntil is { } u && u <= now ? new Entry(0, null) : old, now));
        return e.Failures == maxFailures ? e.LockedUntil : null;
    }

    /// <summary>A right password (not locked): the count starts again.</summary>
    public void Succeeded(string name) => _entries.TryRemove(name, out _);

    private Entry Next(Entry e, DateTimeOffset now)
    {
        var failures = e.Failures + 1;
        return new Entry(failures, failures >= maxFailures ? e.LockedUntil ?? now + lockout : null);
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (name, e) in _entries)
            if (e.LockedUntil is null || e.LockedUntil <= now) _entries.TryRemove(name, out _);
    }

    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil);
}
