namespace SatDaemon.Tests.Infrastructure;

/// <summary>A request seen by <see cref="LoopbackTeamsReceiver"/> and the status it was answered with.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string ContentType, string Body, int AnsweredStatus, DateTimeOffset ReceivedAt);
