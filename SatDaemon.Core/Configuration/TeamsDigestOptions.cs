namespace SatDaemon.Configuration;

/// <summary>[TEAMS]: the daily digest card per frame (dates added, processed, failed) the daemon posts to teams_webhook.</summary>
public sealed class TeamsDigestOptions
{
    /// <summary>UTC hour (0-23) at which the daemon sends the digest of the day before; null (empty or off): never. Default null.</summary>
    public int? DigestHour { get; init; }
}
