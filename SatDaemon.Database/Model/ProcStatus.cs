namespace SatDaemon.Database.Model;

/// <summary>proc_status codes of master, ifg, rsar_ifg and a frame's time series (the seed's codes; 3 is "held").</summary>
public static class ProcStatus
{
    public const int Waiting = 0;
    public const int Running = 1;
    public const int Complete = 2;
    public const int Held = 3;
    public const int Failed = 4;

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
