using System.Globalization;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Jobs;
using SatDaemon.Machines;
using SatDaemon.JobProtocol;

namespace SatDaemon.Jobs;

/// <summary>Turns a claimed job into the exact command line its machine runs (DESIGN §6).</summary>
public sealed class LaunchPlanner(SatDaemonConfig config)
{
    public string LogPath(PendingJobRecord p, long jobId)
    {
        var when = p.Date2 is { } d2 ? $"{p.Date:yyyyMMdd}_{d2:yyyyMMdd}" : p.Date is { } d ? d.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "frame";
        return Path.Combine(config.FrameDir(p.FrameId), "logs", $"{p.FrameId}_{p.StageName}_{when}_{jobId}.log");
    }

    /// <summary>The job type's command split into words first, placeholders substituted into words second.</summary>
    public IReadOnlyList<string> Argv(RunningJobRecord job, DateOnly? masterDate) =>
        CommandTemplate.SplitAndExpand(config.JobType(job.JobType).Command,
            JobPlaceholders.For(config, job.FrameId, job.Date, job.Date2, masterDate, job.Id));

    public string LaunchCommand(RunningJobRecord job, DateOnly? masterDate, string instance) =>
        RemoteCommands.Launch(config.Parameters.SatdaemonTools, Path.GetFullPath(config.FilePath), instance, job.Id, job.LogPath!, Argv(job, masterDate));
}
