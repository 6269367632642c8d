using Npgsql;
using SatDaemon.Database.Providers;

namespace SatDaemon.Tests.Control;

/// <summary>Where the control tests find PostgreSQL, and why they skip when it is not there.</summary>
internal static class ControlPostgres
{
    public const string DefaultUrl = "postgresql://satdaemon:satdaemon@127.0.0.1:55432/satdaemon_test";

    public static string BaseUrl =>
        Environment.GetEnvironmentVariable("SATDAEMON_TEST_PG_URL") is { Length: > 0 } url ? url : DefaultUrl;

    private static readonly Lazy<string?> Skip = new(FindSkipReason);

    /// <summary>Null when PostgreSQL answers, or in CI, where an absent database must fail the run rather than pass it quietly.</summary>
    public static string? SkipReason => Skip.Value;

    /// <summary>The server's maintenance database, from which throw-away test databases are created and dropped.</summary>
    public static string AdminConnectionString()
    {
        var b = new NpgsqlConnectionStringBuilder(DatabaseUrl.Parse(BaseUrl, ".").ConnectionString)
        {
            Database = "postgres",
            Pooling = false,
            Timeout = 3,
        };
        return b.ConnectionString;
    }

    public static string UrlFor(string database) => new UriBuilder(BaseUrl) { Path = "/" + database }.Uri.ToString();

    private static string? FindSkipReason()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) return null;
        try
        {
            using var conn = new NpgsqlConnection(AdminConnectionString());
            conn.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or FormatException or ArgumentException)
        {
            return $"PostgreSQL not reachable at {DatabaseUrl.Parse(BaseUrl, ".").DisplayName} ({e.Message}); set SATDAEMON_TEST_PG_URL";
        }
    }
}
