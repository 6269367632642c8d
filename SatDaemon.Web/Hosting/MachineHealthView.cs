namespace SatDaemon.Web.Hosting;

/// <summary>One machine's circuit breaker as the daemon holds it.</summary>
public sealed record MachineHealthView(string Machine, bool Available, string? Reason, int Failures);
