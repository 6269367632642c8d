namespace SatDaemon.Database.Model;

/// <summary>The master date of a frame (one row per frame) and the stage now due.</summary>
public class MasterRow
{
    public long Id { get; set; }
    public required string FrameId { get; set; }
    public DateOnly Date { get; set; }
    public int ProcStage { get; set; } = 1;
    public int ProcStatus { get; set; } = Model.ProcStatus.Waiting;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A secondary date of a frame, processed against the master.</summary>
public class IfgRow
{
    public long Id { get; set; }
    public required string FrameId { get; set; }
    public DateOnly Date { get; set; }
    public int ProcStage { get; set; } = 1;
    public int ProcStatus { get; set; } = Model.ProcStatus.Waiting;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A RapidSAR interferogram between two dates of a frame (date1 before date2).</summary>
public class RsarIfgRow
{
    public long Id { get; set; }
    public required string FrameId { get; set; }
    public DateOnly Date1 { get; set; }
    public DateOnly Date2 { get; set; }
    public int ProcStage { get; set; } = 1;
    public int ProcStatus { get; set; } = Model.ProcStatus.Waiting;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
