using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Model;

/// <summary>A named set of bursts of one track and direction, with its processing settings and time-series state.</summary>
public class Frame
{
    public required string Id { get; set; }
    public int Track { get; set; }
    public required string OrbitDirection { get; set; }
    public Geometry? Geometry { get; set; }
    /// <summary>Higher runs first.</summary>
    public int Priority { get; set; }
    public ProcLevel ProcLevel { get; set; } = ProcLevel.Off;
    /// <summary>Initial processing only: once the first time series exists, newer dates get no jobs.</summary>
    public bool NoUpdate { get; set; }
    public DateOnly? ProcStart { get; set; }
    public DateOnly? ProcEnd { get; set; }
    public DateOnly? MasterDate { get; set; }
    /// <summary>Time-series stage now due (frame_proc_stages order: 1 timeseries, 2 ingest).</summary>
    public int TsStage { get; set; } = Stages.StageRoles.First;
    public int TsStatus { get; set; } = ProcStatus.Waiting;
    /// <summary>Last date covered by the first completed time series; with noupdate, later dates get no jobs.</summary>
    public DateOnly? TsFirstDate { get; set; }
    public DateTime? TsCompletedAt { get; set; }
    public DateTime LastUpdated { get; set; }
    /// <summary>ctl hold: when the frame was held. Its level stays; nothing new starts for it until ctl release. Null: not held.</summary>
    public DateTime? HeldAt { get; set; }
    /// <summary>Who held the frame (the OS user that ran ctl hold).</summary>
    public string? HeldBy { get; set; }
}
