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

    /// <summary>The display name: the record's default would print the connection string, password and all.</summary>
    public override string ToString() => DisplayName;
}
