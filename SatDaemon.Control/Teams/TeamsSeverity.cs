namespace SatDaemon.Control.Teams;

/// <summary>How loudly a Teams message is rendered (colour of the title / theme).</summary>
public enum TeamsSeverity
{
    Info,
    Warning,
    Error,
}
