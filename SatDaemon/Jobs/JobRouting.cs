using System.Collections.Concurrent;
using SatDaemon.Configuration;
using SatDaemon.Scheduling;

namespace SatDaemon.Jobs;

/// <summary>
/// The config's routing words as the planner's feature sets: [JOB:type] requires / prefers and [PROC_MACHINES:name]
/// features. Made once per job type and machine and shared by every candidate, so the planner's per-need cache sees one
/// set per job type and a pass allocates nothing for routing.
/// </summary>
internal sealed class JobRouting
{
    private readonly ConcurrentDictionary<string, (FeatureSet Requires, FeatureSet Prefers)> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FeatureSet> _machines = new(StringComparer.Ordinal);

    public (FeatureSet Requires, FeatureSet Prefers) Of(JobTypeOptions type) =>
        _types.GetOrAdd(type.Name, _ => (FeatureSet.Of(type.Requires), FeatureSet.Of(type.Prefers)));

    public FeatureSet Offers(MachineOptions machine) => _machines.GetOrAdd(machine.Name, _ => FeatureSet.Of(machine.Features));
}
