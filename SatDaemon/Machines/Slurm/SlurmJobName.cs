using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SatDaemon.Machines.Slurm;

/// <summary>
/// The Slurm job name of a SatDaemon job: <c>sd_{instance}_{job id}_{frame}_{stage}_{date}</c>. Installation and job id
/// come first so that squeue picks out our jobs (and only this installation's) after a daemon restart; frame, stage and
/// date follow for the people reading squeue.
/// </summary>
public static partial class SlurmJobName
{
    private const int MaxLength = 120;

    public static string For(string instance, long jobId, string frameId, string stageName, DateOnly? date, DateOnly? date2)
    {
        var when = date2 is { } d2 ? $"{date:yyyyMMdd}-{d2:yyyyMMdd}" : date is { } d ? d.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "ts";
        var name = $"sd_{instance}_{jobId.ToString(CultureInfo.InvariantCulture)}_{Clean(frameId)}_{Clean(stageName)}_{when}";
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }

    /// <summary>The installation and job id a name made by <see cref="For"/> carries, or null for any other job's name.</summary>
    public static (string Instance, long JobId)? Parse(string name)
    {
        var m = Pattern().Match(name);
        return m.Success && long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (m.Groups[1].Value, id) : null;
    }

    // Names travel through squeue's '|'-separated output and the shell: keep to letters, digits, '-', '.' and '_'.
    private static string Clean(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var c in s) b.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        return b.ToString();
    }

    [GeneratedRegex(@"^sd_([0-9A-Za-z]+)_([0-9]+)(?:_|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
