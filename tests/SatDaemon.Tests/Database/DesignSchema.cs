namespace SatDaemon.Tests.Database;

/// <summary>The tables and columns DESIGN §4 promises to tools and other programs.</summary>
internal static class DesignSchema
{
    public static readonly IReadOnlyDictionary<string, string[]> Tables = new Dictionary<string, string[]>
    {
        ["files"] = ["id", "abspath", "mission", "track", "orbit_direction", "start_time", "stop_time", "date", "absolute_orbit", "anx_time", "footprint"],
        ["bursts"] = ["id", "track", "orbit_direction", "swath", "anx_id", "esa_burst_id", "geometry"],
        ["files2bursts"] = ["file_id", "burst_id"],
        ["frames2bursts"] = ["frame_id", "burst_id"],
        ["frames2files"] = ["frame_id", "file_id"],
        ["frames"] = ["id", "track", "orbit_direction", "geometry", "priority", "proc_level", "noupdate", "proc_start", "proc_end", "master_date"],
        ["master"] = ["id", "frame_id", "date", "proc_stage", "proc_status"],
        ["ifg"] = ["id", "frame_id", "date", "proc_stage", "proc_status"],
        ["rsar_ifg"] = ["id", "frame_id", "date1", "date2", "proc_stage", "proc_status"],
        ["master_proc_stages"] = ["id", "name", "order", "job_type"],
        ["ifg_proc_stages"] = ["id", "name", "order", "job_type"],
        ["rsar_ifg_proc_stages"] = ["id", "name", "order", "job_type"],
        ["daemon_tools"] = ["recreate_joblist", "power_down", "heartbeat", "daemon_host", "daemon_pid"],
        ["pending_jobs"] = ["id", "frame_id", "job_type", "target_table", "target_id", "priority"],
        ["running_jobs"] = ["id", "frame_id", "job_type", "target_table", "target_id", "machine", "pid", "cpus", "memory", "disk", "progress", "message", "log_path", "started_at"],
        // §13: the audit trail of control changes (who, when, what, before, after).
        ["audit_log"] = ["id", "at", "user_name", "source", "action", "target", "frame_id", "before", "after"],
        ["failed_jobs"] = ["id", "frame_id", "job_type", "target_table", "target_id", "machine", "exit_code", "error", "log_tail", "failed_at"],
    };
}
