using SatDaemon.Database.Model;

namespace SatDaemon.Database.Queries;

/// <summary>What one job-list rebuild found and changed.</summary>
public sealed class JobListResult
{
    public int Eligible { get; set; }
    public int Added { get; set; }
    public int Removed { get; set; }
    public int Kept { get; set; }
    public TimeSpan Elapsed { get; set; }

    /// <summary>How many frames were rebuilt when only some were (their counts above are theirs alone); 0 for the whole list.</summary>
    public int Frames { get; set; }

    /// <summary>Waiting rows that may not run, counted by reason (e.g. "master not complete").</summary>
    public Dictionary<string, int> BlockedByReason { get; } = new();

    /// <summary>The jobs the stage rules allow, as they would be written to pending_jobs (not saved, so without ids).</summary>
    internal List<PendingJob> Jobs { get; } = [];

    /// <summary>A few examples per reason, for logs and `satdaemon explain`.</summary>
    public List<string> BlockedExamples { get; } = [];

    /// <summary>Counts one blocked row; true when it should also be given as an example (the first 3 per reason, 50 in all),
    /// so that the example's words are written only then.</summary>
    internal bool Block(string reasonKey)
    {
        var n = BlockedByReason[reasonKey] = BlockedByReason.GetValueOrDefault(reasonKey) + 1;
        return n <= 3 && BlockedExamples.Count < 50;
    }
}
