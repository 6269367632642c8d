using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Database.Providers;

namespace SatDaemon.Database;

/// <summary>
/// The database cannot be used: the server does not answer, refuses the login, or holds no SatDaemon schema. Its
/// message is the one line every command and the daemon print (provider, host, port, database or SQLite path, and the
/// cause); only a missing schema advises `satdaemon-tools init-database`, since that is the only case it mends.
/// </summary>
public sealed class DatabaseUnavailableException(string message, bool schemaMissing, Exception? inner = null) : Exception(message, inner)
{
    public const string InitAdvice = "run `satdaemon-tools init-database` to create it";

    /// <summary>True when the database answers but was never initialised (nothing to retry: init-database mends it).</summary>
    public bool SchemaMissing { get; } = schemaMissing;

    public static DatabaseUnavailableException NotReachable(DatabaseUrl url, Exception cause) =>
        new($"database {url.DisplayName} cannot be reached: {Cause(cause)}", false, cause);

    public static DatabaseUnavailableException NoSchema(DatabaseUrl url, string what, Exception? cause = null) =>
        new($"database {url.DisplayName} {what}: {InitAdvice}", true, cause);

    /// <summary>
    /// The same line for a failure met while using the database (the server stopped mid-command, a table dropped);
    /// null when <paramref name="e"/> is not a database failure at all.
    /// </summary>
    public static DatabaseUnavailableException? From(DatabaseUrl url, Exception e)
    {
        if (e is DatabaseUnavailableException known) return known;
        // EF wraps a failed connection in "An exception has been raised that is likely due to a transient failure";
        // the cause is further in.
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException { SqlState: "3D000" }:
                    return NoSchema(url, "does not exist on the server", e);
                case PostgresException { SqlState: "42P01" }:
                case SqliteException { SqliteErrorCode: 1 } when x.Message.Contains("no such table", StringComparison.Ordinal):
                    return NoSchema(url, "has no SatDaemon schema (" + FirstLine(x.Message) + ")", e);
                case PostgresException pg:
                    return new DatabaseUnavailableException($"database {url.DisplayName} refused the request: {pg.MessageText} ({pg.SqlState})", false, e);
                case DbException:
                    return NotReachable(url, x);
            }
        }
        return null;
    }

    /// <summary>The innermost message says what happened ("Connection refused", "unable to open database file").</summary>
    private static string Cause(Exception e) => FirstLine(e.GetBaseException().Message);

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
