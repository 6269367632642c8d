using Npgsql;

namespace SatDaemon.Configuration;

/// <summary>Which provider a database URL names.</summary>
public enum DatabaseProvider { PostgreSql, Sqlite }

/// <summary>
/// The config's database URL taken apart: postgresql://user[:password]@host[:port]/name[?sslmode=..];
/// sqlite:///relative/to/config.db, sqlite:////absolute.db (the SQLAlchemy forms the old system used).
/// Only the parts: the connection string is built where the providers live (SatDaemon.Database/Providers/DatabaseUrl).
/// </summary>
public sealed record DatabaseAddress
{
    public required DatabaseProvider Provider { get; init; }

    /// <summary>The absolute SQLite file; null for PostgreSQL.</summary>
    public string? SqlitePath { get; init; }

    public string Host { get; init; } = "";
    public int Port { get; init; }
    public string Database { get; init; } = "";
    public string? Username { get; init; }
    public string? Password { get; init; }

    /// <summary>The URL's query options (Npgsql connection settings), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; init; } = [];

    /// <summary>What logs and messages show: never the password.</summary>
    public string DisplayName => Provider == DatabaseProvider.Sqlite
        ? "sqlite " + SqlitePath
        : $"postgresql {Username}@{Host}:{Port}/{Database}";

    public static DatabaseAddress Parse(string url, string baseDirectory)
    {
        if (url.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase))
        {
            var rest = url["sqlite:///".Length..];
            if (rest.Length == 0) throw new FormatException("sqlite URL names no file (expected sqlite:///file.db)");
            var path = rest.StartsWith('/') ? rest : Path.GetFullPath(Path.Combine(baseDirectory, rest));
            return new DatabaseAddress { Provider = DatabaseProvider.Sqlite, SqlitePath = path };
        }
        if (url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                throw new FormatException("postgresql URL is not of the form postgresql://user[:password]@host[:port]/database");
            var db = uri.AbsolutePath.Trim('/');
            if (db.Length == 0) throw new FormatException("postgresql URL names no database (postgresql://user@host:port/DATABASE)");
            string? user = null, password = null;
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                var parts = uri.UserInfo.Split(':', 2);
                user = Uri.UnescapeDataString(parts[0]);
                if (parts.Length == 2) password = Uri.UnescapeDataString(parts[1]);
            }
            var options = QueryOptions(uri).Select(o => KeyValuePair.Create(o.Key, o.Value)).ToList();
            CheckOptions(options);
            return new DatabaseAddress
            {
                Provider = DatabaseProvider.PostgreSql,
                Host = uri.Host,
                Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
                Database = Uri.UnescapeDataString(db),
                Username = user,
                Password = password,
                Options = options,
            };
        }
        throw new FormatException("database URL must start with postgresql:// or sqlite:///");
    }

    /// <summary>
    /// Whether the URL carries a password, in the userinfo (postgresql://user:PASSWORD@host/db) or as a query option
    /// (?password=…, or Npgsql's synonyms): either makes the config file a secret.
    /// </summary>
    public static bool HoldsPassword(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        return uri.UserInfo.Contains(':') || QueryOptions(uri).Any(o => PasswordOptions.Contains(o.Key, StringComparer.OrdinalIgnoreCase));
    }

    private static readonly string[] PasswordOptions = ["password", "pwd", "psw"];

    // Checked against Npgsql's own names and value rules, so a misspelt option is a config error at load, not at first connect.
    private static void CheckOptions(IEnumerable<KeyValuePair<string, string>> options)
    {
        var probe = new NpgsqlConnectionStringBuilder();
        foreach (var (key, value) in options)
        {
            try
            {
                probe[key] = value;
            }
            catch (ArgumentException)
            {
                // Npgsql's message is about its builder; ours names the option, never the value (it may be a password).
                throw new FormatException($"postgresql URL option '{key}' is unknown or its value is invalid (options are Npgsql connection settings, e.g. ?sslmode=require)");
            }
        }
    }

    private static IEnumerable<(string Key, string Value)> QueryOptions(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .Select(kv => (Uri.UnescapeDataString(kv[0]).Trim(), Uri.UnescapeDataString(kv[1])));

    /// <summary>The display name: the record's default would print the password.</summary>
    public override string ToString() => DisplayName;
}
