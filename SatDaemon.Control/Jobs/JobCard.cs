using System.Globalization;
using SatDaemon.Control.Teams;
using SatDaemon.JobProtocol;

namespace SatDaemon.Control.Jobs;

/// <summary>
/// What every Teams card about a job starts with, so failures, warnings and errors read alike: a title naming the job
/// type, frame and date(s), then the facts Frame, Job type, Stage, Date(s) and Machine, in that order.
/// </summary>
public static class JobCard
{
    public static string Title(string what, string jobType, string frameId, DateOnly? date, DateOnly? date2)
    {
        var when = JobDescription.Dates(date, date2);
        return $"{what}: {jobType} {frameId}{(when is null ? "" : " " + when)}";
    }

    public static List<TeamsFact> Facts(string frameId, string jobType, string? stageName, int stage, DateOnly? date, DateOnly? date2, string? machine)
    {
        var facts = new List<TeamsFact>
        {
            new("Frame", frameId),
            new("Job type", jobType),
            new("Stage", stageName ?? stage.ToString(CultureInfo.InvariantCulture)),
        };
        if (date2 is { } d2)
            facts.Add(new("Dates", $"{JobDescription.Day(date)} {JobDescription.Day(d2)}"));
        else if (date is { } d)
            facts.Add(new("Date", JobDescription.Day(d)));
        facts.Add(new("Machine", machine ?? "unknown"));
        return facts;
    }
}
