using Microsoft.EntityFrameworkCore;
using SatDaemon.Configuration;
using SatDaemon.JobProtocol;

namespace SatDaemon.Database.Jobs;

// What a job's command and outputs templates are expanded with.
public sealed partial class JobStore
{
    /// <summary>The placeholders of a running job ({master_date} from frames.master_date); null when the job is not running.</summary>
    public async Task<JobPlaceholders?> PlaceholdersAsync(SatDaemonConfig config, long jobId, CancellationToken ct)
    {
        await using var db = factory.Create();
        var job = await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return null;
        var master = await db.Frames.Where(f => f.Id == job.FrameId).Select(f => f.MasterDate).FirstOrDefaultAsync(ct);
        return JobPlaceholders.For(config, job.FrameId, job.Date, job.Date2, master, job.Id);
    }
}
