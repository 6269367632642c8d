namespace SatDaemon.Database.Model;

/// <summary>A reference row of a *_proc_stages table: the Nth stage of a chain and the job type that runs it.</summary>
public abstract class ProcStageRow
{
    /// <summary>The stage's order in its chain, from 1.</summary>
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
    public required string JobType { get; set; }
    /// <summary>The lowest frame proc_level at which this stage runs.</summary>
    public ProcLevel MinLevel { get; set; }
    /// <summary>Place of the stage in the whole chain (download 1 … ingest 9): later stages go first, as they finish work.</summary>
    public int Rank { get; set; }
}

public class MasterProcStage : ProcStageRow;
public class IfgProcStage : ProcStageRow;
public class RsarIfgProcStage : ProcStageRow;
public class FrameProcStage : ProcStageRow;
