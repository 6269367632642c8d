namespace SatDaemon.Jobs;

/// <summary>How the daemon names a job in logs and reasons, e.g. "132A_X ifg 2020-05-11 coreg".</summary>
public static class JobDescription
{
    public static string Of(string frameId, string targetTable, DateOnly? date, DateOnly? date2, string stageName) =>
        date2 is { } d2 ? $"{frameId} {targetTable} {date:yyyy-MM-dd}_{d2:yyyy-MM-dd} {stageName}"
        : date is { } d ? $"{frameId} {targetTable} {d:yyyy-MM-dd} {stageName}"
        : $"{frameId} {stageName}";
}
