namespace SatDaemon.Database.Model;

/// <summary>
/// stage_versions: per row and stage, the software version of the last completed run of that stage (target_table and
/// target_id as on a job; a frame's time series has target_table frames and target_id 0, the frame part of the key). Written with the job's end,
/// in the same transaction, by <see cref="Jobs.ProcRowTransitions"/>; frame versions and frame reprocess read it.
/// A stage completed by a run without a configured version keeps a row with a null version, so "unknown" is told
/// apart from "never completed".
/// </summary>
public class StageVersion
{
    public required string TargetTable { get; set; }
    public long TargetId { get; set; }
    public int Stage { get; set; }
    public required string FrameId { get; set; }
    public string? Version { get; set; }
    public long JobId { get; set; }
    public DateTime CompletedAt { get; set; }
}
