namespace SatDaemon.Database.Frames;

/// <summary>A date whose files cover only some of a frame's bursts: reported, not added, until the rest arrives.</summary>
/// <param name="MissingBursts">The frame's bursts no file of the date covers, by id.</param>
/// <param name="MissingSwaths">Swaths of the missing bursts (IW1…IW3), so the late zip can be looked for.</param>
public sealed record PartialDate(DateOnly Date, int FrameBursts, IReadOnlyList<string> MissingBursts, IReadOnlyList<string> MissingSwaths);
