using System.Globalization;
using SatDaemon.Configuration;

namespace SatDaemon.JobProtocol;

/// <summary>
/// Values of the placeholders in job commands and outputs. Dates are written yyyyMMdd (the processing software's
/// folder convention); a null value means the placeholder has no meaning for this job (e.g. {date} of a frame job).
/// </summary>
public sealed record JobPlaceholders
{
    public const string DateFormat = "yyyyMMdd";

    public string? Frame { get; init; }
    public string? Date { get; init; }
    public string? Date1 { get; init; }
    public string? Date2 { get; init; }
    public string? MasterDate { get; init; }
    public string? FrameDir { get; init; }
    public string? ProcDir { get; init; }
    public string? DataDir { get; init; }
    public string? SoftwareDir { get; init; }
    public string? JobId { get; init; }

    /// <summary>The placeholders of a job (or of a check without one: jobId null); rsar_ifg jobs get {date1}, {date2} and {date} = date1.</summary>
    public static JobPlaceholders For(SatDaemonConfig config, string frameId, DateOnly? date, DateOnly? date2, DateOnly? masterDate, long? jobId) => new()
    {
        Frame = frameId,
        Date = Format(date),
        Date1 = date2 is null ? null : Format(date),
        Date2 = Format(date2),
        MasterDate = Format(masterDate),
        FrameDir = config.FrameDir(frameId),
        ProcDir = config.Parameters.ProcDir,
        DataDir = config.Parameters.DataDir,
        SoftwareDir = config.Parameters.SoftwareDir,
        JobId = jobId?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Every placeholder name the templates may use, without braces.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["frame", "date", "date1", "date2", "master_date", "frame_dir", "proc_dir", "data_dir", "software_dir", "job_id"];

    /// <summary>The value of a placeholder; false when the name is not a placeholder at all.</summary>
    public bool TryGet(string name, out string? value)
    {
        value = name switch
        {
            "frame" => Frame,
            "date" => Date,
            "date1" => Date1,
            "date2" => Date2,
            "master_date" => MasterDate,
            "frame_dir" => FrameDir,
            "proc_dir" => ProcDir,
            "data_dir" => DataDir,
            "software_dir" => SoftwareDir,
            "job_id" => JobId,
            _ => null,
        };
        return Names.Contains(name);
    }

    private static string? Format(DateOnly? d) => d?.ToString(DateFormat, CultureInfo.InvariantCulture);
}
