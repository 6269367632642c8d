using System.Globalization;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Model;

namespace SatDaemon.Control.Jobs;

/// <summary>The Teams card for a job's final failure: what an operator needs to decide whether to look now.</summary>
public static class JobFailureMessage
{
    public static TeamsMessage Create(FailedJob failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var facts = JobCard.Facts(failure.FrameId, failure.JobType, failure.StageName, failure.Stage, failure.Date, failure.Date2, failure.Machine);
        facts.Add(new("Exit code", failure.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        facts.Add(new("Error", failure.Error));
        facts.Add(new("Job id", failure.JobId.ToString(CultureInfo.InvariantCulture)));
        if (failure.Attempt > 0) facts.Add(new("Attempt", (failure.Attempt + 1).ToString(CultureInfo.InvariantCulture)));
        var title = JobCard.Title("Job failed", failure.JobType, failure.FrameId, failure.Date, failure.Date2);
        return new TeamsMessage(title, TeamsSeverity.Error, facts, string.IsNullOrEmpty(failure.LogTail) ? null : failure.LogTail);
    }
}
