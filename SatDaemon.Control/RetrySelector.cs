namespace SatDaemon.Control;

/// <summary>
/// Which failures <see cref="SatDaemonController.RetryAsync"/> puts back to waiting; the filters combine (AND).
/// All three null selects every failure not yet retried.
/// </summary>
/// <param name="JobId">The job id of the failed run (as in its log file name and ctl status), not the failed_jobs row id.</param>
public sealed record RetrySelector(string? FrameId = null, string? JobType = null, long? JobId = null)
{
    public static readonly RetrySelector All = new();

    public bool SelectsAll => FrameId is null && JobType is null && JobId is null;

    /// <summary>
    /// Retrying everything after an outage is legitimate, but it must be asked for (<paramref name="all"/>), not fallen
    /// into by leaving the filters empty. ctl retry and the console's failed-jobs list both check here.
    /// </summary>
    public RetrySelector RequireChosen(bool all) =>
        SelectsAll && !all ? throw new ArgumentException("retry needs --frame, --job-type or --job-id to choose failures, or --all for every failure") : this;

    public override string ToString() => SelectsAll
        ? "all failures"
        : string.Join(", ", new[]
        {
            FrameId is null ? null : "frame " + FrameId,
            JobType is null ? null : "job type " + JobType,
            JobId is null ? null : "job " + JobId,
        }.OfType<string>());
}
