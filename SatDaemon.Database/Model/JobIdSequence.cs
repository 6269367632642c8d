namespace SatDaemon.Database.Model;

/// <summary>
/// job_ids: one row holding the last job id handed out. Job ids outlive running_jobs rows
/// (they name log files and job_events), so they come from here rather than from a table's identity.
/// </summary>
public class JobIdSequence
{
    public int Id { get; set; } = 1;
    public long LastId { get; set; }
}
