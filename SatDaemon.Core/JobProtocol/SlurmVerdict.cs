namespace SatDaemon.JobProtocol;

/// <summary>
/// Slurm's own reason for ending a job (time limit, node failure, preemption, cancellation…), as recorded with the job's
/// failure: by job exec when it is killed under Slurm, and by the daemon when Slurm ended a job nobody recorded.
/// </summary>
public static class SlurmVerdict
{
    /// <summary>The verdict for a squeue state and reason, or null when Slurm did not end the job.</summary>
    public static string? Of(string state, string reason)
    {
        if (state == "TIMEOUT" || reason == "TimeLimit") return "slurm: TIMEOUT (the job ran past its --time)";
        return state is "OUT_OF_MEMORY" or "NODE_FAIL" or "PREEMPTED" or "DEADLINE" or "CANCELLED" or "BOOT_FAIL"
            ? $"slurm: {state}" + (reason is "" or "None" ? "" : $" ({reason})")
            : null;
    }

    /// <summary>The verdict in one squeue line "STATE|REASON", or null.</summary>
    public static string? OfLine(string squeueLine)
    {
        var f = squeueLine.Trim().Split('|');
        return f.Length < 2 ? null : Of(f[0].Trim(), f[1].Trim());
    }
}
