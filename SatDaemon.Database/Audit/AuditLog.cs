using SatDaemon.Database.Model;

namespace SatDaemon.Database.Audit;

/// <summary>
/// The one writer of audit_log. Adds the entry to the caller's context without saving: it is saved and committed with
/// the change it records, so there is never a change without its record nor a record of a change that rolled back.
/// </summary>
public sealed class AuditLog(SatDbContext db, Actor actor, DateTime now)
{
    /// <param name="frameId">The frame the change concerns, if any (ctl history --frame filters on it).</param>
    public void Record(string action, string target, string? before, string? after, string? frameId = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = now,
            UserName = actor.User,
            Source = actor.Source,
            Action = action,
            Target = target,
            FrameId = frameId,
            Before = before,
            After = after,
        });
}
