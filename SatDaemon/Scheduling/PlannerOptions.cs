namespace SatDaemon.Scheduling;

/// <summary>Tuning for <see cref="PlacementPlanner"/>; defaults are what the daemon uses when the config says nothing.</summary>
public sealed class PlannerOptions
{
    /// <summary>A job queued longer than this that does not fit may reserve a machine. Default 2 hours.</summary>
    public TimeSpan StarvationAge { get; init; } = TimeSpan.FromHours(2);

    /// <summary>
    /// At most this many starved jobs reserve a machine per plan. Null (default) = one per machine,
    /// the most there can be because a machine holds at most one reservation.
    /// </summary>
    public int? MaxReservations { get; init; }

    /// <summary>At most this many placements per pass (spreads SSH launches over passes). Null (default) = unlimited.</summary>
    public int? MaxLaunchesPerPass { get; init; }

    /// <summary>Throws naming the option when a value makes no sense.</summary>
    public void Validate()
    {
        if (StarvationAge < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StarvationAge), StarvationAge, "StarvationAge must not be negative.");
        }

        if (MaxReservations is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReservations), MaxReservations, "MaxReservations must not be negative.");
        }

        if (MaxLaunchesPerPass is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLaunchesPerPass), MaxLaunchesPerPass, "MaxLaunchesPerPass must not be negative.");
        }
    }
}
