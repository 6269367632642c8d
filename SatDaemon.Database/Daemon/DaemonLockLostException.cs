namespace SatDaemon.Database.Daemon;

/// <summary>The database lock was lost and another daemon holds it now: this daemon must stop.</summary>
public sealed class DaemonLockLostException(string message, Exception inner) : Exception(message, inner);
