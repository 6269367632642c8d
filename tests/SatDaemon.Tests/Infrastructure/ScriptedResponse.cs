namespace SatDaemon.Tests.Infrastructure;

/// <summary>One scripted answer of <see cref="LoopbackTeamsReceiver"/>: status, optional Retry-After value, optional delay before answering.</summary>
public sealed record ScriptedResponse(int Status, string? RetryAfter = null, TimeSpan? Delay = null);
