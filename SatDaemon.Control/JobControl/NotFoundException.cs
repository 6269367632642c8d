namespace SatDaemon.Control;

/// <summary>
/// A job, frame or pending job the operator named does not exist. An InvalidOperationException, so the tools report its
/// message on one line and exit 1 ("not found"), apart from usage errors (exit 2).
/// </summary>
public sealed class NotFoundException(string message) : InvalidOperationException(message);
