namespace SatDaemon.Scheduling;

/// <summary>Why a job waits, as the few numbers its reason is written from; the text is made only when someone reads it.</summary>
/// <param name="Count">Placements made before the job was considered (<see cref="WaitKind.NoMachineFits"/>), or how many of
/// its type ran (<see cref="WaitKind.TypeLimit"/>).</param>
/// <param name="Reservations">Reservations made before the job was considered (<see cref="WaitKind.NoMachineFits"/>).</param>
/// <param name="ReservedMachine">Index of the machine the job reserved for itself, or −1.</param>
internal readonly record struct WaitCause(WaitKind Kind, int Count = 0, int Reservations = 0, int ReservedMachine = -1);

/// <summary>The kinds of "no" the planner gives, in the order it checks them.</summary>
internal enum WaitKind : byte
{
    FrameHeld,
    LaunchLimit,
    TypeLimit,
    TooBig,
    OnlyDrained,
    MissingFeature,
    NoMachineFits,
}
