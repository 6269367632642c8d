using System.Globalization;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Model;

namespace SatDaemon.Control.Jobs;

/// <summary>The Teams card for a warning or an error a running job reports (job warn|error, JobLogger.WarnAsync|ErrorAsync).</summary>
public static class JobReportMessage
{
    public static TeamsMessage Create(RunningJob job, TeamsSeverity severity, string message)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(message);
        var facts = JobCard.Facts(job.FrameId, job.JobType, job.StageName, job.Stage, job.Date, job.Date2, job.Machine);
        facts.Add(new("Message", message));
        facts.Add(new("Job id", job.Id.ToString(CultureInfo.InvariantCulture)));
        // An error report is not the job's end (its exit code decides that), so the title must not read as a failure.
        var what = severity == TeamsSeverity.Error ? "Job reports an error" : "Job reports a warning";
        return new TeamsMessage(JobCard.Title(what, job.JobType, job.FrameId, job.Date, job.Date2), severity, facts);
    }
}
