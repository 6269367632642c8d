using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SatDaemon.Control.Jobs;
using SatDaemon.Control.Teams;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control;

/// <summary>
/// A running job's reports to the database (start, progress, warnings, errors, its end), for .NET code inside a job
/// and for job exec. Every write goes through <see cref="JobStore"/>'s guarded transitions and survives a short database
/// outage (<see cref="DatabaseRetry"/>). Reports for a job that is not running throw <see cref="JobNotRunningException"/>;
/// an end already recorded by someone else comes back as <see cref="JobOutcome.AlreadyEnded"/>. A final failure, and
/// every warning and error, is posted to Teams; they share the notifier's burst window, so a flood becomes one digest.
/// </summary>
public sealed class JobLogger : IAsyncDisposable
{
    public const string EnvJobId = JobRuntime.JobCommandRun.EnvJobId;

    private readonly JobStore _store;
    private readonly JobLoggerOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly DatabaseRetry _retry;
    private ITeamsNotifier? _teams;

    /// <param name="teams">Notifier for Teams posts (owned: disposed with this); by default one is made from the config's teams_webhook (or $SATDAEMON_TEAMS_WEBHOOK) when needed.</param>
    public JobLogger(SatDaemonConfig config, long jobId, JobLoggerOptions? options = null, ILoggerFactory? loggers = null, ITeamsNotifier? teams = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        JobId = jobId;
        _options = options ?? JobLoggerOptions.FromEnvironment();
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<JobLogger>();
        _retry = new DatabaseRetry(_logger);
        // A job process reports now and then: no connection is kept idle between reports.
        _store = new JobStore(SatDbFactory.ForJobProcess(config)) { OverBudgetMargin = config.Parameters.OverBudgetMargin };
        _teams = teams;
    }

    /// <summary>For code launched by job exec: the job from $SATDAEMON_JOB_ID, the config from $SATDAEMON_CONFIG.</summary>
    public static JobLogger FromEnvironment(ILoggerFactory? loggers = null) =>
        new(ConfigLoader.Load(Environment.GetEnvironmentVariable(ConfigLoader.EnvConfig)), JobIdFromEnvironment(), JobLoggerOptions.FromEnvironment(), loggers);

    /// <summary>$SATDAEMON_JOB_ID; a clear error when it is missing or not a number.</summary>
    public static long JobIdFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(EnvJobId);
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidOperationException($"no job id: ${EnvJobId} is not set (is this running under satdaemon-tools job exec?)");
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new FormatException($"${EnvJobId} is not a job id (got '{text}')");
    }

    public long JobId { get; }

    public SatDaemonConfig Config { get; }

    /// <summary>Marks the job running with this process id (job exec's first report).</summary>
    public Task StartAsync(int pid, CancellationToken ct = default)
    {
        var from = TimeProvider.System.GetTimestamp();
        // Job exec's stderr is the job's log: a version_file it cannot read is said there.
        var versions = new JobRuntime.JobVersionReader(Config, line => Console.Error.WriteLine($"satdaemon-tools job exec: {line}"));
        return ReportAsync("start", _options.StartRetryBudget, async t =>
        {
            var ok = await _store.MarkStartedAsync(JobId, pid, versions.Of, t);
            if (ok) JobLog.Started(_logger, JobId, pid, TimeProvider.System.GetElapsedTime(from).TotalMilliseconds);
            return ok;
        }, ct);
    }

    /// <summary>Progress in percent and/or a message; shown in running_jobs. Clamped to 0–100 before it is stored, so
    /// the event and the status show the same figure; NaN or ±Infinity throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public Task ProgressAsync(double? percent, string? message = null, CancellationToken ct = default)
    {
        var recorded = JobProgress.Normalize(percent);
        return ReportAsync("progress", _options.ReportRetryBudget, t => _store.ReportProgressAsync(JobId, recorded, message, t), ct);
    }

    /// <summary>A warning: kept in job_events and shown in running_jobs.message, and posted to Teams.</summary>
    public Task WarnAsync(string message, CancellationToken ct = default) =>
        ReportMessageAsync("warning", JobEventKinds.Warning, TeamsSeverity.Warning, message, ct);

    /// <summary>An error message (the job's end is still decided by its exit code): kept like a warning, and posted to Teams.</summary>
    public Task ErrorAsync(string message, CancellationToken ct = default) =>
        ReportMessageAsync("error", JobEventKinds.Error, TeamsSeverity.Error, message, ct);

    /// <summary>The running_jobs row of this job.</summary>
    public async Task<RunningJob> GetJobAsync(CancellationToken ct = default) =>
        await _retry.ExecuteAsync($"job {JobId} lookup", _options.ReportRetryBudget, t => _store.FindRunningAsync(JobId, t), ct)
        ?? throw new JobNotRunningException(JobId);

    /// <summary>The values of this job's command and outputs placeholders.</summary>
    public async Task<JobPlaceholders> PlaceholdersAsync(CancellationToken ct = default) =>
        await _retry.ExecuteAsync($"job {JobId} lookup", _options.ReportRetryBudget, t => _store.PlaceholdersAsync(Config, JobId, t), ct)
        ?? throw new JobNotRunningException(JobId);

    /// <summary>Success: the row's stage advances and the job's resources are freed.</summary>
    public Task<JobOutcome> SucceedAsync(CancellationToken ct = default) => SucceedAsync(null, ct);

    /// <summary>Success, with what the run took (job exec's measure; kept in job_usage).</summary>
    public async Task<JobOutcome> SucceedAsync(JobUsage? usage, CancellationToken ct = default)
    {
        var from = TimeProvider.System.GetTimestamp();
        var outcome = await _retry.ExecuteAsync($"job {JobId} success", _options.OutcomeRetryBudget, t => _store.RecordSuccessAsync(JobId, usage, t), ct);
        if (outcome.Recorded) JobLog.SuccessRecorded(_logger, JobId, TimeProvider.System.GetElapsedTime(from).TotalMilliseconds);
        else JobLog.AlreadyEnded(_logger, JobId);
        WarnIfOverBudget(usage, outcome);
        return outcome;
    }

    /// <summary>
    /// Failure: failed_jobs row and proc_status 4, or back to waiting while the job type's retries last.
    /// A final failure is posted to Teams and flushed (bounded by <see cref="JobLoggerOptions.TeamsFlushTimeout"/>).
    /// </summary>
    public Task<JobOutcome> FailAsync(int? exitCode, string error, string? logTail, CancellationToken ct = default) =>
        FailAsync(exitCode, error, logTail, null, ct);

    /// <summary>Failure, with what the run took until then (job exec's measure; kept on failed_jobs and in job_usage).</summary>
    public async Task<JobOutcome> FailAsync(int? exitCode, string error, string? logTail, JobUsage? usage, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var outcome = await _retry.ExecuteAsync($"job {JobId} failure", _options.OutcomeRetryBudget, async t =>
        {
            // The retry allowance is the job type's; the row is read in the same attempt so a retry sees a fresh state.
            var job = await _store.FindRunningAsync(JobId, t);
            if (job is null) return JobOutcome.AlreadyEnded;
            var retries = Config.JobTypes.TryGetValue(job.JobType, out var type) ? type.Retries : 0;
            return await _store.RecordFailureAsync(JobId, exitCode, error, logTail, retries, usage, t);
        }, ct);
        if (!outcome.Recorded)
        {
            JobLog.AlreadyEnded(_logger, JobId);
            return outcome;
        }
        JobLog.FailureRecorded(_logger, JobId, error, outcome.WillRetry);
        WarnIfOverBudget(usage, outcome);
        if (!outcome.WillRetry && outcome.Failure is { } failure) await PostFailureAsync(failure, ct);
        return outcome;
    }

    /// <summary>A run that took more than its budget (JobStore counted it as an over_budget event) is logged with its figures.</summary>
    private void WarnIfOverBudget(JobUsage? usage, JobOutcome outcome)
    {
        if (usage is null || outcome.Job is not { } job) return;
        if (BudgetOverrun.Check(usage, job.Cpus, job.Memory, Config.Parameters.OverBudgetMargin) is { } overrun)
            JobLog.OverBudget(_logger, JobId, job.JobType, overrun, usage.Describe());
    }

    /// <summary>Sends what is still queued for Teams (bounded by <see cref="JobLoggerOptions.TeamsFlushTimeout"/>), then stops the notifier.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_teams is null) return;
        // Warnings and errors are queued, not awaited, and a short-lived caller (job warn) exits right after this:
        // without the flush they would die with the process. A held digest goes out now instead of at the window's end.
        await _teams.FlushAsync(_options.TeamsFlushTimeout);
        await _teams.DisposeAsync();
    }

    private async Task ReportMessageAsync(string action, string kind, TeamsSeverity severity, string message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var job = await _retry.ExecuteAsync($"job {JobId} {action}", _options.ReportRetryBudget, t => _store.ReportMessageAsync(JobId, kind, message, t), ct);
        if (job is null)
        {
            JobLog.Refused(_logger, JobId, action);
            throw new JobNotRunningException(JobId);
        }
        // Queued only: the job's own work must not wait for Teams. The notifier's burst window turns a flood into one digest.
        Teams()?.TryEnqueue(JobReportMessage.Create(job, severity, message));
    }

    private async Task PostFailureAsync(FailedJob failure, CancellationToken ct)
    {
        if (Teams() is not { } teams) return;
        if (teams.TryEnqueue(JobFailureMessage.Create(failure)))
        {
            // The process exits right after this; without the flush the post would die with it.
            await teams.FlushAsync(_options.TeamsFlushTimeout, ct);
            JobLog.TeamsPosted(_logger, JobId);
        }
    }

    /// <summary>The notifier, made on first use from the config's webhook; null when none is configured.</summary>
    private ITeamsNotifier? Teams()
    {
        if (_teams is not null) return _teams;
        var url = TeamsWebhookResolver.Resolve(Config.Parameters.TeamsWebhook);
        if (url is null) return null;
        return _teams = new TeamsNotifier(new TeamsOptions { WebhookUrl = url }, _loggers.CreateLogger<TeamsNotifier>());
    }

    private async Task ReportAsync(string action, TimeSpan budget, Func<CancellationToken, Task<bool>> write, CancellationToken ct)
    {
        if (await _retry.ExecuteAsync($"job {JobId} {action}", budget, write, ct)) return;
        JobLog.Refused(_logger, JobId, action);
        throw new JobNotRunningException(JobId);
    }
}
