using SatDaemon.Database;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>Polls a condition until it holds; integration tests wait on real processes with it instead of sleeping.</summary>
public static class WaitFor
{
    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="poll"/> (default 100 ms) until true; on timeout throws
    /// a <see cref="TimeoutException"/> naming <paramref name="what"/>, with the job tables of <paramref name="dump"/> when given.
    /// </summary>
    public static async Task ConditionAsync(Func<Task<bool>> condition, TimeSpan timeout, string what,
        TimeSpan? poll = null, SatDbFactory? dump = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow >= deadline) break;
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        }
        var message = $"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}";
        if (dump is not null) message += "\n" + await TableDump.DumpAsync(dump);
        throw new TimeoutException(message);
    }

    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="poll"/> until true, for as long as
    /// <paramref name="progress"/> (a count the test reads from the world, e.g. the commands' own ledger) keeps
    /// changing: it fails when the count stood still for <paramref name="stall"/>, or at <paramref name="cap"/>. For
    /// waits whose length is the work left, not a fixed time: a stalled system still fails within
    /// <paramref name="stall"/>, a slow but moving one is not called stuck.
    /// </summary>
    public static async Task WhileProgressingAsync(Func<Task<bool>> condition, Func<long> progress, TimeSpan stall, TimeSpan cap,
        string what, TimeSpan poll, SatDbFactory? dump = null)
    {
        var start = DateTime.UtcNow;
        var last = progress();
        var lastChange = start;
        while (true)
        {
            if (await condition()) return;
            var now = DateTime.UtcNow;
            var current = progress();
            if (current != last) (last, lastChange) = (current, now);
            if (now - lastChange >= stall || now - start >= cap) break;
            await Task.Delay(poll);
        }
        var message = $"gave up after {(DateTime.UtcNow - start).TotalSeconds:0.#} s waiting for {what}: progress stood at {last} for "
            + $"{(DateTime.UtcNow - lastChange).TotalSeconds:0.#} s (stall limit {stall.TotalSeconds:0} s, cap {cap.TotalSeconds:0} s)";
        if (dump is not null) message += "\n" + await TableDump.DumpAsync(dump);
        throw new TimeoutException(message);
    }

    /// <summary>Synchronous-condition form of <see cref="ConditionAsync(Func{Task{bool}}, TimeSpan, string, TimeSpan?, SatDbFactory?)"/>.</summary>
    public static Task ConditionAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? poll = null, SatDbFactory? dump = null) =>
        ConditionAsync(() => Task.FromResult(condition()), timeout, what, poll, dump);

    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="poll"/> (default 50 ms) until true or
    /// <paramref name="timeout"/>; returns whether it held, for a caller that asserts on what it then finds itself.
    /// </summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
        return true;
    }
}
