namespace SatDaemon.Database.Model;

/// <summary>files2bursts: a file covers a burst.</summary>
public class FileBurst
{
    public required string FileId { get; set; }
    public required string BurstId { get; set; }
}

/// <summary>frames2bursts: a burst belongs to a frame.</summary>
public class FrameBurst
{
    public required string FrameId { get; set; }
    public required string BurstId { get; set; }
}

/// <summary>frames2files: a file covers at least one burst of a frame.</summary>
public class FrameFile
{
    public required string FrameId { get; set; }
    public required string FileId { get; set; }
}
