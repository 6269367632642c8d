namespace SatDaemon.Database.Model;

/// <summary>
/// What every stage-table row has: the frame it belongs to and the stage now due with its status. Not an entity of
/// its own (each table is separate); it lets JobStore guard and advance master, ifg and rsar_ifg rows with one query shape.
/// </summary>
public abstract class ProcRow
{
    public long Id { get; set; }
    public required string FrameId { get; set; }
    public int ProcStage { get; set; } = Stages.StageRoles.First;
    public int ProcStatus { get; set; } = Model.ProcStatus.Waiting;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The master date of a frame (one row per frame) and the stage now due.</summary>
public class MasterRow : ProcRow
{
    public DateOnly Date { get; set; }
}

/// <summary>A secondary date of a frame, processed against the master.</summary>
public class IfgRow : ProcRow
{
    public DateOnly Date { get; set; }
}

/// <summary>A RapidSAR interferogram between two dates of a frame (date1 before date2).</summary>
public class RsarIfgRow : ProcRow
{
    public DateOnly Date1 { get; set; }
    public DateOnly Date2 { get; set; }
}
