using SatDaemon.Control.Teams;
using SatDaemon.Database.Model;

namespace SatDaemon.Control.Jobs;

/// <summary>The Teams card for a job's final failure: what an operator needs to decide whether to look now (<see cref="JobFailureCard"/>).</summary>
public static class JobFailureMessage
{
    public static TeamsMessage Create(FailedJob failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return JobFailureCard.Create(failure.FrameId, failure.JobType, failure.StageName, failure.Stage, failure.Date, failure.Date2, failure.Machine,
            failure.ExitCode, failure.Error, failure.JobId, failure.Attempt, failure.LogTail);
    }
}
