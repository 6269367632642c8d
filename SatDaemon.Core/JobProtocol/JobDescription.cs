using System.Globalization;

namespace SatDaemon.JobProtocol;

/// <summary>
/// How a job and its dates are written for people: in the daemon's log, job_events, Teams cards, ctl status and the
/// console. One form everywhere, so a job found in one can be searched for in the others.
/// </summary>
public static class JobDescription
{
    /// <summary>"064A_X ifg 2020-01-01 coreg", "064A_X rsar_ifg 2020-01-01_2020-01-13 unwrap", "064A_X ts_run" for a frame job.</summary>
    public static string Of(string frameId, string targetTable, DateOnly? date, DateOnly? date2, string stageName) =>
        Dates(date, date2) is { } when ? $"{frameId} {targetTable} {when} {stageName}" : $"{frameId} {stageName}";

    /// <summary>"2020-01-01", or "2020-01-01_2020-01-13" for a pair; null for a frame job (no date).</summary>
    public static string? Dates(DateOnly? date, DateOnly? date2) =>
        date is null ? null : date2 is { } d2 ? $"{Day(date)}_{Day(d2)}" : Day(date);

    /// <summary>yyyy-MM-dd; "-" for none.</summary>
    public static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
