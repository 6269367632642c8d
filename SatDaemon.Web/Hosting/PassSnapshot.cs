namespace SatDaemon.Web.Hosting;

/// <summary>What the daemon's last pass did and how long it took.</summary>
public sealed record PassSnapshot(DateTime FinishedAt, TimeSpan Duration, int Launched, int Ended, int Running, int Pending);
