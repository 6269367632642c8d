namespace SatDaemon.Database.Model;

/// <summary>How far a frame's chain may run; ordered so that a higher level includes the lower ones.</summary>
public enum ProcLevel
{
    Off = 0,
    Download = 1,
    Satsar = 2,
    TilTimeseries = 3,
    Full = 4,
}

/// <summary>Names of levels as the config, database and command line spell them.</summary>
public static class ProcLevelNames
{
    public static string ToName(this ProcLevel level) => level switch
    {
        ProcLevel.Off => "off",
        ProcLevel.Download => "download",
        ProcLevel.Satsar => "satsar",
        ProcLevel.TilTimeseries => "til_timeseries",
        ProcLevel.Full => "full",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string text, out ProcLevel level)
    {
        switch (text.Trim().ToLowerInvariant().Replace('-', '_'))
        {
            case "off": level = ProcLevel.Off; return true;
            case "download": level = ProcLevel.Download; return true;
            case "satsar": level = ProcLevel.Satsar; return true;
            case "til_timeseries": level = ProcLevel.TilTimeseries; return true;
            case "full": level = ProcLevel.Full; return true;
            default: level = ProcLevel.Off; return false;
        }
    }
}
