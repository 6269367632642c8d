namespace SatDaemon.Web.Data;

/// <summary>Rows of master, ifg and rsar_ifg by proc_status.</summary>
public sealed record StatusCounts(int Waiting, int Running, int Complete, int Held, int Failed)
{
    public int Total => Waiting + Running + Complete + Held + Failed;

    /// <summary>Fraction of rows complete; 0 for a frame without rows.</summary>
    public double Progress => Total == 0 ? 0 : (double)Complete / Total;
}
