namespace SatDaemon.Database.Model;

/// <summary>
/// audit_log: one control change (ctl or the web console), who made it, when, and the value before and after. Written
/// only by <see cref="Audit.AuditLog"/>, in the transaction of the change it records, so a change and its record commit
/// together or not at all.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>UTC.</summary>
    public DateTime At { get; set; }
    /// <summary>The OS user for ctl and the frame tools, the signed-in user for the console. (user_name: "user" is a reserved word in SQL.)</summary>
    public required string UserName { get; set; }
    /// <summary>"ctl" or "web" (<see cref="Audit.Actor"/>).</summary>
    public required string Source { get; set; }
    /// <summary>What was done: a setting ("priority", "proc_level"), or an operation ("retry", "set-master", "create").</summary>
    public required string Action { get; set; }
    /// <summary>"frame 132A_X", "job 17", "machine hpc", "daemon".</summary>
    public required string Target { get; set; }
    /// <summary>The frame the change concerns, when it concerns one, so that ctl history --frame needs no text search.</summary>
    public string? FrameId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
