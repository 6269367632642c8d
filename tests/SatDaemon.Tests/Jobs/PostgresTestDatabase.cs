using Npgsql;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// A throw-away database sdt_&lt;guid&gt; on the test PostgreSQL ($SATDAEMON_TEST_PG_URL, default
/// postgresql://satdaemon:satdaemon@127.0.0.1:55432/satdaemon_test), dropped WITH (FORCE) on dispose.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string EnvUrl = "SATDAEMON_TEST_PG_URL";
    public const string DefaultUrl = "postgresql://satdaemon:satdaemon@127.0.0.1:55432/satdaemon_test";

    private PostgresTestDatabase(string name, string url)
    {
        Name = name;
        Url = url;
    }

    public string Name { get; }

    /// <summary>URL of the throw-away database, for the config's database key.</summary>
    public string Url { get; }

    public static string ServerUrl => Environment.GetEnvironmentVariable(EnvUrl) is { Length: > 0 } u ? u : DefaultUrl;

    /// <summary>Null when the server answers; otherwise why not (used as the skip reason).</summary>
    public static string? Unavailable { get; } = Probe();

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var name = "sdt_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(MaintenanceConnectionString()))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var b = new UriBuilder(ServerUrl) { Path = "/" + name };
        return new PostgresTestDatabase(name, b.Uri.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(MaintenanceConnectionString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string MaintenanceConnectionString()
    {
        var uri = new Uri(ServerUrl);
        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Database = "postgres",
            Timeout = 5,
            Pooling = false,
        }.ConnectionString;
    }

    private static string? Probe()
    {
        try
        {
            using var conn = new NpgsqlConnection(MaintenanceConnectionString());
            conn.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or UriFormatException or ArgumentException or TimeoutException)
        {
            return $"PostgreSQL not reachable at {new Uri(ServerUrl).Host}:{new Uri(ServerUrl).Port} (${EnvUrl}): {e.Message}";
        }
    }
}
