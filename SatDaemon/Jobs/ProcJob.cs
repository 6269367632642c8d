using SatDaemon.Database.Configuration;
using SatDaemon.Database.Model;

namespace SatDaemon.Jobs;

/// <summary>A running job as the daemon tracks it: its row, its job type and the machine it runs on.</summary>
public sealed record ProcJob(RunningJob Row, JobTypeOptions? Type)
{
    public long Id => Row.Id;
    public string Machine => Row.Machine;

    public string Description =>
        Row.Date2 is { } d2 ? $"{Row.FrameId} {Row.TargetTable} {Row.Date:yyyy-MM-dd}_{d2:yyyy-MM-dd} {Row.StageName}"
        : Row.Date is { } d ? $"{Row.FrameId} {Row.TargetTable} {d:yyyy-MM-dd} {Row.StageName}"
        : $"{Row.FrameId} {Row.StageName}";

    /// <summary>True when the job type has a timeout and the job has run longer.</summary>
    public bool TimedOut(DateTime nowUtc) => Type?.Timeout is { } t && nowUtc - Row.StartedAt > t;
}
