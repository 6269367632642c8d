namespace SatDaemon.Database.Stages;

/// <summary>What a stage needs besides its row waiting, as DESIGN §5's "needs" column has it.</summary>
public enum StageNeed
{
    /// <summary>Nothing more: the earlier stages of its own chain are done, since the row is at this stage.</summary>
    None,

    /// <summary>The ifg coregistration stage: the frame's master is complete.</summary>
    MasterComplete,

    /// <summary>The first rsar_ifg stage: the ifg (or master) of both dates is complete.</summary>
    BothDatesComplete,

    /// <summary>The frame's time-series stage: every rsar_ifg in range is unwrapped, and at least one is.</summary>
    RsarIfgUnwrapped,
}
