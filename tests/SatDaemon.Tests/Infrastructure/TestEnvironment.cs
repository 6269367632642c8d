using Npgsql;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// What the test services offer, read from the environment (tests/services/start.sh exports it) with the defaults of
/// the throw-away cluster on 127.0.0.1:55432.
/// </summary>
public static class TestEnvironment
{
    public const string PgEnv = "SATDAEMON_TEST_PG";
    public const string PgUrlEnv = "SATDAEMON_TEST_PG_URL";
    public const string DefaultPg = "Host=127.0.0.1;Port=55432;Username=satdaemon;Password=satdaemon;Database=satdaemon_test";

    /// <summary>Npgsql connection string of the test server ($SATDAEMON_TEST_PG).</summary>
    public static string PgConnectionString => Env(PgEnv) ?? DefaultPg;

    /// <summary>The same server as a config-file URL ($SATDAEMON_TEST_PG_URL, else built from the connection string).</summary>
    public static string PgUrl => Env(PgUrlEnv) ?? PostgresUrl(new NpgsqlConnectionStringBuilder(PgConnectionString));

    /// <summary>True under CI (env CI set and not "false"): there a missing service fails tests instead of skipping them.</summary>
    public static bool IsCi => Env("CI") is { } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    /// <summary>True when the test PostgreSQL answered; tried once per test run.</summary>
    public static bool PostgresAvailable => PostgresProblem.Value is null;

    /// <summary>Why PostgreSQL could not be reached, or null when it answered.</summary>
    public static string? PostgresUnavailableReason => PostgresProblem.Value;


    private static readonly Lazy<string?> PostgresProblem = new(TryConnect);

    /// <summary>postgresql://user:password@host:port/database for a config file; user and password escaped.</summary>
    public static string PostgresUrl(NpgsqlConnectionStringBuilder b)
    {
        var user = Uri.EscapeDataString(b.Username ?? "postgres");
        var password = string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password);
        return $"postgresql://{user}{password}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database ?? "postgres")}";
    }

    /// <summary>The test server's maintenance connection (database postgres), unpooled, for CREATE/DROP DATABASE.</summary>
    internal static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(PgConnectionString) { Database = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;

    private static string? TryConnect()
    {
        try
        {
            using var conn = new NpgsqlConnection(AdminConnectionString());
            conn.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return e.Message;
        }
    }

    private static string? Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
