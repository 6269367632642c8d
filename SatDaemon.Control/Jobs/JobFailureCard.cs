using System.Globalization;
using SatDaemon.Control.Teams;

namespace SatDaemon.Control.Jobs;

/// <summary>
/// The Teams card for a job's final failure, from the failure's fields: the .NET JobLogger (<see cref="JobFailureMessage"/>)
/// and the native job exec (compiled in there, no EF) post the same card.
/// </summary>
public static class JobFailureCard
{
    public static TeamsMessage Create(string frameId, string jobType, string? stageName, int stage, DateOnly? date, DateOnly? date2, string? machine,
        int? exitCode, string error, long jobId, int attempt, string? logTail)
    {
        var facts = JobCard.Facts(frameId, jobType, stageName, stage, date, date2, machine);
        facts.Add(new("Exit code", exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        facts.Add(new("Error", error));
        facts.Add(new("Job id", jobId.ToString(CultureInfo.InvariantCulture)));
        if (attempt > 0) facts.Add(new("Attempt", (attempt + 1).ToString(CultureInfo.InvariantCulture)));
        var title = JobCard.Title("Job failed", jobType, frameId, date, date2);
        return new TeamsMessage(title, TeamsSeverity.Error, facts, string.IsNullOrEmpty(logTail) ? null : logTail);
    }
}
