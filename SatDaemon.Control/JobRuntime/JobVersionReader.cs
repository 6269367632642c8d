using SatDaemon.Configuration;

namespace SatDaemon.Control.JobRuntime;

/// <summary>
/// The software version a starting job runs with, found by job exec on the machine (the job type's version, or its
/// version_file read here and now). A version_file that cannot be read is said once in the job's log, however often
/// the start is retried, and the job runs without a version: a missing file must not stop production.
/// </summary>
public sealed class JobVersionReader(SatDaemonConfig config, Action<string> say)
{
    private bool _said;

    public string? Of(string jobType)
    {
        var (version, problem) = SoftwareVersionText.Resolve(config, jobType);
        if (problem is not null && !_said)
        {
            _said = true;
            say($"warning: job type {jobType}: {problem}");
        }
        return version;
    }
}
