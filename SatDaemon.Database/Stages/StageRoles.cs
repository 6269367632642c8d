using SatDaemon.Database.Model;

namespace SatDaemon.Database.Stages;

/// <summary>
/// The stages that DESIGN §5 gives a rule of their own, named once, so that queries and transitions say "the first
/// stage" or "the time-series stage" rather than compare with 1 or with "coreg". Stage rows have id = order, from 1.
/// </summary>
public static class StageRoles
{
    /// <summary>Every chain starts here: a new row waits at it, and so does a row processed again from the start.</summary>
    public const int First = 1;

    /// <summary>The frame chain's first stage makes the time series (frame: timeseries, ingest).</summary>
    public const int TimeSeries = First;

    /// <summary>What <paramref name="stage"/> of <paramref name="table"/>'s chain needs before it may run.</summary>
    public static StageNeed Need(string table, ProcStageRow stage) => table switch
    {
        TargetTables.Ifg when IsCoregistration(stage) => StageNeed.MasterComplete,
        TargetTables.RsarIfg when stage.Order == First => StageNeed.BothDatesComplete,
        TargetTables.Frames when stage.Order == TimeSeries => StageNeed.RsarIfgUnwrapped,
        _ => StageNeed.None,
    };

    /// <summary>
    /// The ifg stage that processes a date against the master. Found by its default name: the stage tables have no
    /// column for a role, and matching the name (not the order) is what the job list has always done.
    /// </summary>
    public static bool IsCoregistration(ProcStageRow stage) => stage.Name == DefaultChain.Coregistration.Name;

    /// <summary>A frame whose time-series stage is done: it waits at a later stage, or its chain is complete.</summary>
    public static bool TimeSeriesDone(int tsStage, int tsStatus) => tsStage > TimeSeries || tsStatus == ProcStatus.Complete;
}
