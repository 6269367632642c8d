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
        var facts = new List<TeamsFact>
        {
            new("Frame", failure.FrameId),
            new("Job type", failure.JobType),
            new("Stage", failure.StageName ?? failure.Stage.ToString(CultureInfo.InvariantCulture)),
        };
        if (failure.Date2 is { } d2)
            facts.Add(new("Dates", $"{Day(failure.Date)} {Day(d2)}"));
        else if (failure.Date is { } d)
            facts.Add(new("Date", Day(d)));
        facts.Add(new("Machine", failure.Machine ?? "unknown"));
        facts.Add(new("Exit code", failure.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        facts.Add(new("Error", failure.Error));
        facts.Add(new("Job id", failure.JobId.ToString(CultureInfo.InvariantCulture)));
        if (failure.Attempt > 0) facts.Add(new("Attempt", (failure.Attempt + 1).ToString(CultureInfo.InvariantCulture)));
        var what = failure.Date2 is { } b ? $"{Day(failure.Date)}_{Day(b)}" : failure.Date is { } a ? Day(a) : null;
        var title = $"Job failed: {failure.JobType} {failure.FrameId}{(what is null ? "" : " " + what)}";
        return new TeamsMessage(title, TeamsSeverity.Error, facts, string.IsNullOrEmpty(failure.LogTail) ? null : failure.LogTail);
    }

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
