using System.Globalization;
using Npgsql;

namespace SatDaemon.Database.Daemon;

/// <summary>A standby daemon waiting on the daemon lock: its host, pid and since when it waits (UTC).</summary>
public sealed record StandbyDaemon(string Host, int Pid, DateTime? Since);

/// <summary>
/// Standby daemons are shown without a table of their own: each waits on one PostgreSQL connection whose
/// application_name is <c>satdaemon-standby PID@HOST</c>, so pg_stat_activity lists exactly the standbys that still
/// wait (a killed one's connection, and with it its line, is gone) and the connection's start is since when it waits.
/// SQLite has no standby.
/// </summary>
public static class StandbyDaemons
{
    public const string Prefix = "satdaemon-standby ";

    // PostgreSQL keeps at most NAMEDATALEN − 1 bytes of an application_name.
    private const int MaxApplicationName = 63;

    /// <summary>The application_name of a standby's waiting connection (a long host name is cut at PostgreSQL's limit).</summary>
    public static string ApplicationName(string host, int pid)
    {
        var name = Prefix + pid.ToString(CultureInfo.InvariantCulture) + "@" + host;
        return name.Length <= MaxApplicationName ? name : name[..MaxApplicationName];
    }

    /// <summary>The standbys waiting on this database now, the longest waiting first; empty on SQLite.</summary>
    public static async Task<IReadOnlyList<StandbyDaemon>> ListAsync(SatDbFactory factory, CancellationToken ct)
    {
        if (factory.IsSqlite) return [];
        var standbys = new List<StandbyDaemon>();
        await using var connection = new NpgsqlConnection(factory.Url.ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT application_name, backend_start FROM pg_stat_activity "
            + "WHERE datname = current_database() AND starts_with(application_name, @prefix) ORDER BY backend_start, pid", connection);
        cmd.Parameters.AddWithValue("prefix", Prefix);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            // backend_start is null for another role's sessions without pg_read_all_stats; the daemons share one role.
            DateTime? since = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTime>(1).ToUniversalTime();
            if (Parse(reader.GetString(0), since) is { } standby) standbys.Add(standby);
        }
        return standbys;
    }

    private static StandbyDaemon? Parse(string applicationName, DateTime? since)
    {
        var rest = applicationName[Prefix.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && int.TryParse(rest[..at], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? new StandbyDaemon(rest[(at + 1)..], pid, since)
            : null;
    }
}
