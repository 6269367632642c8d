namespace SatDaemon.Scheduling;

/// <summary>The outcome of one planning pass: what to launch, what waits and why.</summary>
/// <param name="Placements">Jobs to launch, in the order they were chosen (best job first).</param>
/// <param name="Waiting">Every job not placed, in job order, each with its reason.</param>
/// <param name="ReasonCounts">For each category in <see cref="ReasonCategory"/>, how many waiting jobs
/// it held back. A job blocked by memory on one machine and unavailable on another counts under
/// both, so the counts may add up to more than <see cref="Waiting"/>.Count.</param>
/// <param name="Reservations">Machines held for starved jobs in this plan.</param>
public sealed record PlacementPlan(
    IReadOnlyList<Placement> Placements,
    IReadOnlyList<Rejection> Waiting,
    IReadOnlyDictionary<string, int> ReasonCounts,
    IReadOnlyList<Reservation> Reservations);
