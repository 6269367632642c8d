namespace SatDaemon.Database.Model;

/// <summary>proc_status codes of master, ifg, rsar_ifg and a frame's time series (the seed's codes; 3 is "held"),
/// as SatDaemon.JobRecords writes them.</summary>
public static class ProcStatus
{
    public const int Waiting = SatDaemon.JobRecords.ProcRowStates.Waiting;
    public const int Running = SatDaemon.JobRecords.ProcRowStates.Running;
    public const int Complete = SatDaemon.JobRecords.ProcRowStates.Complete;
    public const int Held = SatDaemon.JobRecords.ProcRowStates.Held;
    public const int Failed = SatDaemon.JobRecords.ProcRowStates.Failed;

    public static string Name(int status) => status switch
    {
        Waiting => "waiting",
        Running => "running",
        Complete => "complete",
        Held => "held",
        Failed => "failed",
        _ => $"unknown({status})",
    };
}
