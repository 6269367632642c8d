using SatDaemon.Database.Queries;

namespace SatDaemon.Hosting;

/// <summary>`satdaemon explain`: what would launch now, where, and why every other job waits. Changes nothing.</summary>
public sealed class Explainer(ProcDaemon daemon, JobListBuilder jobList)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken ct)
    {
        var list = await jobList.RebuildAsync(ct, apply: false);
        output.WriteLine($"job list: {list.Eligible} jobs may run by the stage rules");
        foreach (var (reason, count) in list.BlockedByReason.OrderByDescending(r => r.Value))
            output.WriteLine($"  {count,6} waiting rows held back: {reason}");
        foreach (var example in list.BlockedExamples) output.WriteLine($"         e.g. {example}");

        var (heldFrames, drainedMachines) = await daemon.OperatorHoldsAsync(ct);
        foreach (var f in heldFrames) output.WriteLine($"frame {f} held: nothing new starts for it (ctl release {f})");
        foreach (var m in drainedMachines) output.WriteLine($"machine {m} drained: nothing new starts on it (ctl resume {m})");

        var plan = await daemon.PlanAsync(ct);
        if (plan is null)
        {
            output.WriteLine("pending_jobs is empty: nothing to place (the daemon rebuilds it at its next pass)");
            return 0;
        }
        var (p, _) = plan.Value;
        output.WriteLine($"would launch {p.Placements.Count}:");
        foreach (var placement in p.Placements) output.WriteLine($"  {placement.Job.Description,-60} on {placement.Machine}");
        output.WriteLine($"would wait {p.Waiting.Count}:");
        foreach (var w in p.Waiting.Take(200)) output.WriteLine($"  pending {w.Job.PendingId,-6} {w.Job.Description,-60} {w.Reason}");
        if (p.Waiting.Count > 200) output.WriteLine($"  … and {p.Waiting.Count - 200} more");
        foreach (var (reason, count) in p.ReasonCounts.OrderByDescending(r => r.Value)) output.WriteLine($"  {count,6} × {reason}");
        foreach (var m in daemon.Machines.Where(m => !m.Health.Available)) output.WriteLine($"machine {m.Name} unavailable: {m.Health.Reason}");
        return 0;
    }
}
