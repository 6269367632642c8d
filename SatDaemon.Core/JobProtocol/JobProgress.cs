namespace SatDaemon.JobProtocol;

/// <summary>
/// What a job may report as its progress: a finite number of percent. Out-of-range values are clamped to 0–100 here,
/// once, so that running_jobs, job_events, ctl show and the console all show the same figure (a script that overshoots
/// to 101 % should not fail its job). NaN and ±Infinity are not progress at all and are refused.
/// </summary>
public static class JobProgress
{
    /// <summary>The percent to record, clamped to 0–100; null when <paramref name="percent"/> is null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or ±Infinity.</exception>
    public static double? Normalize(double? percent)
    {
        if (percent is not { } p) return null;
        if (!double.IsFinite(p))
            throw new ArgumentOutOfRangeException(nameof(percent), p, Refusal(p));
        return Math.Clamp(p, 0, 100);
    }

    /// <summary>The one line that refuses a value that is not a finite number.</summary>
    public static string Refusal(double value) =>
        $"progress must be a finite number of percent (0-100), not '{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}'";
}
