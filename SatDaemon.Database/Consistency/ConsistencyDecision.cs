namespace SatDaemon.Database.Consistency;

/// <summary>The rule's verdict on one row: what to do, the state to write (for Advance and SetBack), and any gap to report.</summary>
public sealed record ConsistencyDecision(ConsistencyAction Action, RowState? Target)
{
    /// <summary>
    /// The rule of check-db-consistency, with the file system as the source of truth:
    /// a running row is never touched; a row whose claimed-done stages have missing outputs is set back to the first
    /// missing stage (unless the whole frame folder is gone); a row behind the disk advances to the last stage proven
    /// done, never past a gap; otherwise it is in line. Failed rows compare like waiting rows at their stage.
    /// </summary>
    public static ConsistencyDecision Decide(RowState database, int lastStage, DiskProgress disk, bool running, bool frameFolderExists)
    {
        if (running) return new(ConsistencyAction.Running, null);
        var claimed = database.Done(lastStage);
        if (claimed > disk.Prefix)
            return frameFolderExists
                ? new(ConsistencyAction.SetBack, RowState.AfterDone(disk.Prefix, lastStage))
                : new(ConsistencyAction.SetBackRefused, null);
        if (claimed < disk.Done) return new(ConsistencyAction.Advance, RowState.AfterDone(disk.Done, lastStage));
        return new(ConsistencyAction.InLine, null);
    }
}
