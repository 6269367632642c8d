using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Configuration;

namespace SatDaemon.Database.Providers;

/// <summary>
/// The config's database URL turned into a provider and connection string. The URL is taken apart by
/// <see cref="DatabaseAddress"/> (SatDaemon.Core, where the config loader checks it); the provider-specific
/// connection string is built here, beside the providers.
/// </summary>
public sealed record DatabaseUrl(DatabaseProvider Provider, string ConnectionString, string DisplayName)
{
    public static DatabaseUrl Parse(string url, string baseDirectory)
    {
        var address = DatabaseAddress.Parse(url, baseDirectory);
        return address.Provider switch
        {
            DatabaseProvider.Sqlite => new DatabaseUrl(DatabaseProvider.Sqlite,
                new SqliteConnectionStringBuilder { DataSource = address.SqlitePath, DefaultTimeout = 60, Pooling = true }.ToString(),
                address.DisplayName),
            _ => new DatabaseUrl(DatabaseProvider.PostgreSql, PostgresConnectionString(address), address.DisplayName),
        };
    }

    private static string PostgresConnectionString(DatabaseAddress address)
    {
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = address.Host,
            Port = address.Port,
            Database = address.Database,
            // Many short-lived tools and jobs connect; keep each one's pool small.
            MaxPoolSize = 20,
            Timeout = 15,
        };
        if (address.Username is not null) b.Username = address.Username;
        if (address.Password is not null) b.Password = address.Password;
        // DatabaseAddress has checked every option against Npgsql's names and values.
        foreach (var (key, value) in address.Options) b[key] = value;
        return b.ConnectionString;
    }

    /// <summary>Application Name of a job process's connections (unless the URL names one): pg_stat_activity tells them apart.</summary>
    public const string JobApplicationName = "satdaemon-job";

    /// <summary>
    /// The same database for a job process (job exec, job progress|warn|error): it reports now and then for minutes or
    /// hours, so its pool closes a connection about 2 s after its last use instead of Npgsql's 300 s (idle lifetime 2 s,
    /// pruned every second), and hundreds of running jobs do not each hold an idle server connection between reports.
    /// Settings the URL gives itself are kept. SQLite is unchanged. See docs/performance.md (pgbouncer).
    /// </summary>
    public DatabaseUrl ForJobProcess()
    {
        if (Provider != DatabaseProvider.PostgreSql) return this;
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        var defaults = new NpgsqlConnectionStringBuilder();
        if (b.ConnectionIdleLifetime == defaults.ConnectionIdleLifetime) b.ConnectionIdleLifetime = 2;
        if (b.ConnectionPruningInterval == defaults.ConnectionPruningInterval) b.ConnectionPruningInterval = 1;
        b.ApplicationName ??= JobApplicationName;
        return this with { ConnectionString = b.ConnectionString };
    }

    /// <summary>The display name: the record's default would print the connection string, password and all.</summary>
    public override string ToString() => DisplayName;
}
