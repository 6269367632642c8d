using System.Globalization;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Jobs;
using SatDaemon.Machines;
using SatDaemon.Machines.Slurm;
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
        RemoteCommands.Launch(config.Parameters.JobExecProgram, Path.GetFullPath(config.FilePath), instance, job.Id, job.LogPath!, Argv(job, masterDate));

    /// <summary>
    /// The sbatch line for a Slurm machine: the same job exec wrapper and command, asking Slurm for the job's budget
    /// (cpus, memory, disk license) and its type's timeout as --time, so Slurm enforces the limit the daemon would.
    /// </summary>
    public string SubmitCommand(RunningJobRecord job, DateOnly? masterDate, string instance, MachineOptions machine)
    {
        var type = config.JobType(job.JobType);
        var request = new SlurmCommands.JobRequest(
            SlurmJobName.For(instance, job.Id, job.FrameId, job.StageName, job.Date, job.Date2),
            job.Cpus, job.Memory, job.Disk, type.Timeout, job.LogPath!, config.FrameDir(job.FrameId)) { Requires = type.Requires };
        return SlurmCommands.Submit(machine, request, config.Parameters.JobExecProgram, Path.GetFullPath(config.FilePath), instance, job.Id,
            Argv(job, masterDate));
    }
}
