using SatDaemon.JobProtocol;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Lifecycle.Reconcile;

namespace SatDaemon.Jobs;

/// <summary>A running job as the daemon tracks it: its row, its job type and the machine it runs on.</summary>
public sealed record ProcJob(RunningJobRecord Row, JobTypeOptions? Type)
{
    public long Id => Row.Id;
    public string Machine => Row.Machine;

    public string Description => JobDescription.Of(Row.FrameId, Row.TargetTable, Row.Date, Row.Date2, Row.StageName);

    /// <summary>The row as the reconcile decider reads it, with the job type's timeout and when the command started.</summary>
    public RunningJobState State => new(Row.Id, Row.Machine, Row.Pid, Row.LogPath, Row.StartedAt, Row.LastReportAt is not null,
        Row.StopRequestedAt, Row.StopReason, Row.KillSentAt, Row.CancelRequestedAt is not null, Row.CancelRequestedBy, Row.SlurmJobId,
        Type?.Timeout, Row.CommandStartedAt);
}
