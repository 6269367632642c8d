namespace SatDaemon.Machines;

/// <summary>
/// A circuit breaker per machine: after a failure the machine is left alone for a while (30 s, doubling to 5 min)
/// instead of being retried in a tight loop; its jobs are neither launched nor judged dead meanwhile.
/// </summary>
public sealed class MachineHealth(TimeProvider time)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    public bool Available { get; private set; } = true;
    public string? Reason { get; private set; }
    public int Failures { get; private set; }
    public DateTimeOffset RetryAt { get; private set; }

    /// <summary>True when the machine may be used now, or when it is time to try it again.</summary>
    public bool MayTry => Available || time.GetUtcNow() >= RetryAt;

    /// <summary>Returns true when this failure newly took the machine out (worth a warning and a Teams post).</summary>
    public bool RecordFailure(string reason)
    {
        var wasAvailable = Available;
        Failures++;
        Available = false;
        Reason = reason;
        var wait = TimeSpan.FromTicks(Math.Min(Max.Ticks, First.Ticks * (1L << Math.Min(Failures - 1, 10))));
        RetryAt = time.GetUtcNow() + wait;
        return wasAvailable;
    }

    /// <summary>Returns true when the machine came back.</summary>
    public bool RecordSuccess()
    {
        var cameBack = !Available;
        Available = true;
        Reason = null;
        Failures = 0;
        return cameBack;
    }
}
