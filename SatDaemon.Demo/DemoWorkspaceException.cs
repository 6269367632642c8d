namespace SatDaemon.Demo;

/// <summary>The demo's folder cannot be used (it holds someone else's files); nothing was changed.</summary>
public sealed class DemoWorkspaceException(string message) : Exception(message);
