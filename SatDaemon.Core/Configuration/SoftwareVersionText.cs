namespace SatDaemon.Configuration;

/// <summary>
/// The software version a job runs with, as job exec finds it when the job starts: the job type's version, or the
/// first line of its version_file read there and then on the machine. Shared by the .NET and the native job exec.
/// </summary>
public static class SoftwareVersionText
{
    public const string SoftwareDirPlaceholder = "{software_dir}";

    /// <summary>Stored per row and stage (stage_versions.version is 100 characters).</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The version of <paramref name="jobType"/>'s runs, and a problem to report when version_file cannot be read or
    /// holds no usable version (the job then runs and records no version: a missing file must not stop production).
    /// </summary>
    public static (string? Version, string? Problem) Resolve(SatDaemonConfig config, string jobType)
    {
        if (!config.JobTypes.TryGetValue(jobType, out var type)) return (null, null);
        if (type.Version is { } v) return (v, null);
        if (type.VersionFile is not { } template) return (null, null);
        var path = template.Replace(SoftwareDirPlaceholder, config.Parameters.SoftwareDir, StringComparison.Ordinal);
        string first;
        try
        {
            using var reader = new StreamReader(path);
            first = (reader.ReadLine() ?? "").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read version_file {path}: {e.Message}; the run records no version");
        }
        return Check(first) is { } problem ? (null, $"version_file {path}: {problem}; the run records no version") : (first, null);
    }

    /// <summary>Why <paramref name="version"/> cannot be stored, or null when it can.</summary>
    public static string? Check(string version)
    {
        if (version.Length == 0) return "is empty";
        if (version.Length > MaxLength) return $"is longer than {MaxLength} characters ({version.Length})";
        return version.Any(char.IsControl) ? "holds a control character" : null;
    }
}
