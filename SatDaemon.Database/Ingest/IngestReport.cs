using SatDaemon.Database.Frames;

namespace SatDaemon.Database.Ingest;

/// <summary>What one ingest run did.</summary>
public sealed class IngestReport
{
    /// <summary>Zips found under the data directory.</summary>
    public int Found { get; set; }

    /// <summary>Files newly written to <c>files</c>.</summary>
    public int Added { get; set; }

    /// <summary>Zips whose product was already in <c>files</c> (or seen twice in this run).</summary>
    public int AlreadyKnown { get; set; }

    /// <summary>Bursts newly written to <c>bursts</c> (no existing burst within ±1 ANX id).</summary>
    public int NewBursts { get; set; }

    /// <summary>frames2files rows written.</summary>
    public int FrameLinks { get; set; }

    public List<IngestRejection> Rejected { get; } = [];

    /// <summary>
    /// Frames whose bursts got new files in this run, with the acquisition dates of those files: the one list of frames
    /// whose dates are looked at after ingest (a frame no new file touches cannot have a new usable date).
    /// </summary>
    public SortedDictionary<string, SortedSet<DateOnly>> NewDatesByFrame { get; } = new(StringComparer.Ordinal);

    /// <summary>What happened to the dates of each frame in <see cref="NewDatesByFrame"/>; empty with --no-update-procdates.</summary>
    public List<IngestFrameDates> FrameDates { get; } = [];

    /// <summary>Folders under the data directory that could not be read: their zips, if any, were not seen.</summary>
    public List<IngestRejection> Unreadable { get; } = [];

    /// <summary>True when something was left out (a rejected zip or an unreadable folder): cron must be able to tell.</summary>
    public bool Incomplete => Rejected.Count > 0 || Unreadable.Count > 0;
}
