namespace SatDaemon.Database.Consistency;

/// <summary>What check-db-consistency does (or, without --apply, would do) with one row.</summary>
public enum ConsistencyAction
{
    /// <summary>Database and disk agree.</summary>
    InLine,
    /// <summary>The disk shows more stages done: the row moves forward.</summary>
    Advance,
    /// <summary>A stage the database claims done has missing or empty outputs: the row moves back to that stage.</summary>
    SetBack,
    /// <summary>Would set back, but the frame's folder is missing altogether (unmounted disk, wrong proc_dir?): left alone.</summary>
    SetBackRefused,
    /// <summary>A job runs for the row (running_jobs row or proc_status 1): left alone.</summary>
    Running,
    /// <summary>The outputs could not be named for this row (e.g. {master_date} of a frame without a master): left alone.</summary>
    CannotCheck,
    /// <summary>With --apply: the row changed between reading and writing (the guarded update matched nothing): skipped.</summary>
    ChangedMeanwhile,
}
