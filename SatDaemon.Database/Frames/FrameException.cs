namespace SatDaemon.Database.Frames;

/// <summary>A frame operation refused because of bad input (unknown frame or burst, bad id, bad date); nothing was changed.</summary>
/// <param name="message">One line saying what was wrong; followed by <paramref name="details"/>, one per line, when given.</param>
/// <param name="details">The rows or items the refusal is about (e.g. what set-master would reprocess).</param>
public sealed class FrameException(string message, IReadOnlyList<string>? details = null)
    : Exception(details is { Count: > 0 } ? message + Environment.NewLine + string.Join(Environment.NewLine, details.Select(d => "  " + d)) : message)
{
    public IReadOnlyList<string> Details { get; } = details ?? [];

    /// <summary>
    /// set-master refused only because work would be redone: the same call with force applies it (the console asks the
    /// operator to confirm the rows in <see cref="Details"/>). False for every other refusal.
    /// </summary>
    public bool NeedsForce { get; init; }
}
