using System.Globalization;

namespace SatDaemon.Control.Jobs;

/// <summary>How long the JobLogger keeps retrying database writes, and how long it waits for Teams before exiting.</summary>
public sealed class JobLoggerOptions
{
    /// <summary>Overrides <see cref="OutcomeRetryBudget"/> (seconds); tests use it to keep outages short.</summary>
    public const string EnvRetrySeconds = "SATDAEMON_REPORT_RETRY_SECONDS";

    /// <summary>Retry budget for start, success and failure: a job's end must not be lost to a restart of PostgreSQL. Default 30 min.</summary>
    public TimeSpan OutcomeRetryBudget { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Retry budget for job exec's first report: the command runs only after it, and until it the job's budget is held
    /// for nothing, so it gives up sooner than the end does ([PARAMETERS] job_start_timeout). Default 2 min.
    /// </summary>
    public TimeSpan StartRetryBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retry budget for progress, warnings and errors: they hold up the job's own work, so they give up sooner. Default 2 min.</summary>
    public TimeSpan ReportRetryBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a failure waits for its Teams post before the process exits. Default 15 s.</summary>
    public TimeSpan TeamsFlushTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Defaults, with <see cref="EnvRetrySeconds"/> applied to both budgets (the report budget never exceeds the outcome budget).</summary>
    public static JobLoggerOptions FromEnvironment()
    {
        var options = new JobLoggerOptions();
        var text = Environment.GetEnvironmentVariable(EnvRetrySeconds);
        if (string.IsNullOrWhiteSpace(text)) return options;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || !double.IsFinite(seconds))
            throw new FormatException($"{EnvRetrySeconds} must be a number of seconds (got '{text}')");
        options.OutcomeRetryBudget = TimeSpan.FromSeconds(seconds);
        if (options.ReportRetryBudget > options.OutcomeRetryBudget) options.ReportRetryBudget = options.OutcomeRetryBudget;
        if (options.StartRetryBudget > options.OutcomeRetryBudget) options.StartRetryBudget = options.OutcomeRetryBudget;
        return options;
    }
}
