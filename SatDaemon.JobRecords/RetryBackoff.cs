namespace SatDaemon.JobRecords;

/// <summary>How long an automatic retry waits: 1 min, 2, 4, … capped at 30 min, so a broken input does not spin.</summary>
public static class RetryBackoff
{
    public static TimeSpan For(int attempt) =>
        TimeSpan.FromMinutes(Math.Min(30, Math.Pow(2, Math.Max(0, attempt - 1))));
}
