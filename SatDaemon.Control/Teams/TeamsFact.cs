namespace SatDaemon.Control.Teams;

/// <summary>One name/value row of a message, e.g. ("Frame", "T123_A").</summary>
public readonly record struct TeamsFact(string Name, string Value);
