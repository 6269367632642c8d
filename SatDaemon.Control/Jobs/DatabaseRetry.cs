using System.Data.Common;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace SatDaemon.Control.Jobs;

/// <summary>
/// Runs a database write with exponential backoff and jitter while the error is transient (server down or restarting,
/// SQLite busy, timeouts), until a time budget is spent; then the last error is thrown. Anything else fails at once.
/// </summary>
public sealed class DatabaseRetry(ILogger logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<T> ExecuteAsync<T>(string what, TimeSpan budget, Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                // The budget, not the count, bounds the retries: a restart of PostgreSQL may take a while.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e) && _time.GetElapsedTime(started) < budget),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(0.5),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    JobLog.DatabaseRetry(logger, what, Describe(args.Outcome.Exception), args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return await pipeline.ExecuteAsync(async token => await operation(token), ct);
    }

    /// <summary>Errors worth waiting out. Wrapped errors (DbUpdateException, InvalidOperationException) are judged by their cause.</summary>
    public static bool IsTransient(Exception e) => SatDaemon.JobRecords.TransientDatabaseError.Is(e);

    private static string Describe(Exception? e)
    {
        if (e is null) return "no exception";
        var root = e;
        // Wrappers (EF's DbUpdateException, InvalidOperationException) are described by the provider's error inside them.
        while (root is not DbException && root.InnerException is { } inner) root = inner;
        return $"{root.GetType().Name}: {root.Message}";
    }
}
