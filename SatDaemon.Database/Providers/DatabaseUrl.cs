using Microsoft.Data.Sqlite;
using Npgsql;

namespace SatDaemon.Database.Providers;

/// <summary>Which provider a database URL names.</summary>
public enum DatabaseProvider { PostgreSql, Sqlite }

/// <summary>
/// The config's database URL turned into a provider and connection string.
/// postgresql://user[:password]@host[:port]/name[?sslmode=..]; sqlite:///relative/to/config.db, sqlite:////absolute.db
/// (the SQLAlchemy forms the old system used).
/// </summary>
public sealed record DatabaseUrl(DatabaseProvider Provider, string ConnectionString, string DisplayName)
{
    public static DatabaseUrl Parse(string url, string baseDirectory)
    {
        if (url.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase))
        {
            var rest = url["sqlite:///".Length..];
            if (rest.Length == 0) throw new FormatException("sqlite URL names no file (expected sqlite:///file.db)");
            var path = rest.StartsWith('/') ? rest : Path.GetFullPath(Path.Combine(baseDirectory, rest));
            var cs = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 60, Pooling = true }.ToString();
            return new DatabaseUrl(DatabaseProvider.Sqlite, cs, "sqlite " + path);
        }
        if (url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                throw new FormatException("postgresql URL is not of the form postgresql://user[:password]@host[:port]/database");
            var db = uri.AbsolutePath.Trim('/');
            if (db.Length == 0) throw new FormatException("postgresql URL names no database (postgresql://user@host:port/DATABASE)");
            var b = new NpgsqlConnectionStringBuilder
            {
                Host = uri.Host,
                Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
                Database = Uri.UnescapeDataString(db),
                // Many short-lived tools and jobs connect; keep each one's pool small.
                MaxPoolSize = 20,
                Timeout = 15,
            };
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                var parts = uri.UserInfo.Split(':', 2);
                b.Username = Uri.UnescapeDataString(parts[0]);
                if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
            }
            foreach (var (key, value) in QueryOptions(uri))
            {
                try
                {
                    b[key] = value;
                }
                catch (ArgumentException)
                {
                    // Npgsql's message is about its builder; ours names the option, never the value (it may be a password).
                    throw new FormatException($"postgresql URL option '{key}' is unknown or its value is invalid (options are Npgsql connection settings, e.g. ?sslmode=require)");
                }
            }
            // The display name never carries the password.
            return new DatabaseUrl(DatabaseProvider.PostgreSql, b.ConnectionString, $"postgresql {b.Username}@{b.Host}:{b.Port}/{b.Database}");
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

    private static IEnumerable<(string Key, string Value)> QueryOptions(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .Select(kv => (Uri.UnescapeDataString(kv[0]).Trim(), Uri.UnescapeDataString(kv[1])));

    /// <summary>The display name: the record's default would print the connection string, password and all.</summary>
    public override string ToString() => DisplayName;
}
