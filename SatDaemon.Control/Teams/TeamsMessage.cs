namespace SatDaemon.Control.Teams;

/// <summary>
/// A notification to post to Teams. Facts keep their order because operators scan them
/// top-down (Frame, Job type, Date, Machine, Exit code); <see cref="Text"/> is shown
/// monospaced and is meant for a preformatted block such as a log tail.
/// </summary>
public sealed record TeamsMessage(
    string Title,
    TeamsSeverity Severity,
    IReadOnlyList<TeamsFact> Facts,
    string? Text = null)
{
    /// <summary>Creates a message without facts.</summary>
    public TeamsMessage(string title, TeamsSeverity severity)
        : this(title, severity, [])
    {
    }
}
