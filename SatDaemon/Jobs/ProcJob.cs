using SatDaemon.JobProtocol;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;

namespace SatDaemon.Jobs;

/// <summary>A running job as the daemon tracks it: its row, its job type and the machine it runs on.</summary>
public sealed record ProcJob(RunningJobRecord Row, JobTypeOptions? Type)
{
    public long Id => Row.Id;
    public string Machine => Row.Machine;

    public string Description => JobDescription.Of(Row.FrameId, Row.TargetTable, Row.Date, Row.Date2, Row.StageName);

    /// <summary>True when the job type has a timeout and the job has run longer.</summary>
    public bool TimedOut(DateTime nowUtc) => Type?.Timeout is { } t && nowUtc - Row.StartedAt > t;
}
