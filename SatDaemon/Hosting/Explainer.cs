using System.Text.Json;
using SatDaemon.Control;
using SatDaemon.Database.Daemon;
using SatDaemon.Scheduling;

namespace SatDaemon.Hosting;

/// <summary>
/// `satdaemon explain`: what would launch now, where, and why every other job waits. Changes nothing: when the
/// daemon has not written pending_jobs yet, the job list is computed here by the same stage rules and planned by the
/// same planner, and kept in memory.
/// </summary>
public sealed class Explainer(ProcDaemon daemon, DaemonStore store)
{
    private const int WaitLines = 200;

    public async Task<int> RunAsync(TextWriter output, bool json, CancellationToken ct)
    {
        var preview = await store.PreviewJobListAsync(ct);
        var (_, pendingRows) = await store.CountsAsync(ct);
        // pending_jobs empty: the daemon has not run (or not since the change); plan the list computed here instead.
        var computedHere = pendingRows == 0;
        (PlacementPlan Plan, Dictionary<long, PendingJobRecord> Pending)? plan = computedHere
            ? preview.Jobs.Count > 0 ? await daemon.PlanAsync(preview.Jobs, ct) : null
            : await daemon.PlanAsync(ct);
        var (heldFrames, drainedMachines) = await daemon.OperatorHoldsAsync(ct);
        var unavailable = daemon.Machines.Where(m => !m.Health.Available).Select(m => new UnavailableMachine(m.Name, m.Health.Reason ?? "")).ToList();
        var report = new Report(
            new JobListSummary(preview.Rules.Eligible, preview.Rules.BlockedByReason, preview.Rules.BlockedExamples),
            computedHere,
            plan?.Plan.Placements.Select(p => new Launch(p.Job.Description, p.Machine)).ToList() ?? [],
            plan?.Plan.Waiting.Select(w => new Wait(computedHere ? null : w.Job.PendingId, w.Job.Description, w.Reason, w.Categories)).ToList() ?? [],
            plan?.Plan.ReasonCounts ?? new Dictionary<string, int>(),
            unavailable, heldFrames, drainedMachines);
        if (json) output.WriteLine(JsonSerializer.Serialize(report, StatusJson.Options));
        else Write(report, output);
        return 0;
    }

    private static void Write(Report r, TextWriter output)
    {
        output.WriteLine($"job list: {r.JobList.Eligible} jobs may run by the stage rules");
        foreach (var (reason, count) in r.JobList.BlockedByReason.OrderByDescending(x => x.Value))
            output.WriteLine($"  {count,6} waiting rows held back: {reason}");
        foreach (var example in r.JobList.Examples) output.WriteLine($"         e.g. {example}");
        foreach (var f in r.HeldFrames) output.WriteLine($"frame {f} held: nothing new starts for it (ctl release {f})");
        foreach (var m in r.DrainedMachines) output.WriteLine($"machine {m} drained: nothing new starts on it (ctl resume {m})");

        if (r.ComputedHere)
            output.WriteLine(r.JobList.Eligible == 0
                ? "pending_jobs is empty and the stage rules allow no job: nothing to place"
                : "pending_jobs is empty (the daemon has not built the job list): planned from the list computed here");
        if (r.Launch.Count == 0 && r.Wait.Count == 0)
        {
            if (!r.ComputedHere) output.WriteLine("no pending job is due now: every one is a retry waiting out its backoff");
            return;
        }
        output.WriteLine($"would launch {r.Launch.Count}:");
        foreach (var l in r.Launch) output.WriteLine($"  {l.Job,-60} on {l.Machine}");
        output.WriteLine($"would wait {r.Wait.Count}:");
        foreach (var w in r.Wait.Take(WaitLines))
            output.WriteLine(w.PendingId is { } id ? $"  pending {id,-6} {w.Job,-60} {w.Reason}" : $"  {w.Job,-60} {w.Reason}");
        if (r.Wait.Count > WaitLines) output.WriteLine($"  … and {r.Wait.Count - WaitLines} more");
        foreach (var (reason, count) in r.ReasonCounts.OrderByDescending(x => x.Value)) output.WriteLine($"  {count,6} × {reason}");
        foreach (var m in r.UnavailableMachines) output.WriteLine($"machine {m.Machine} unavailable: {m.Reason}");
    }

    // The JSON shape (snake_case through StatusJson), documented in explain --help; field names are stable.
    private sealed record Report(JobListSummary JobList, bool ComputedHere, IReadOnlyList<Launch> Launch, IReadOnlyList<Wait> Wait,
        IReadOnlyDictionary<string, int> ReasonCounts, IReadOnlyList<UnavailableMachine> UnavailableMachines,
        IReadOnlyList<string> HeldFrames, IReadOnlyList<string> DrainedMachines);

    private sealed record JobListSummary(int Eligible, IReadOnlyDictionary<string, int> BlockedByReason, IReadOnlyList<string> Examples);

    private sealed record Launch(string Job, string Machine);

    /// <param name="PendingId">The pending_jobs id (for ctl cancel --pending); null for a list computed here.</param>
    private sealed record Wait(long? PendingId, string Job, string Reason, IReadOnlyList<string> Categories);

    private sealed record UnavailableMachine(string Machine, string Reason);
}
