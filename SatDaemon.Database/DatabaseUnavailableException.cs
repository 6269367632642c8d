using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Database.Providers;

namespace SatDaemon.Database;

/// <summary>
/// The database cannot be used: the server does not answer, refuses the login or a statement, or holds no SatDaemon schema. Its
/// message is the one line every command and the daemon print (provider, host, port, database or SQLite path, and the
/// cause); only a missing schema advises `satdaemon-tools init-database`, since that is the only case it mends.
/// </summary>
public sealed class DatabaseUnavailableException(string message, bool schemaMissing, Exception? inner = null, bool away = false)
    : Exception(message, inner)
{
    public const string InitAdvice = "run `satdaemon-tools init-database` to create it";

    /// <summary>True when the database answers but was never initialised (nothing to retry: init-database mends it).</summary>
    public bool SchemaMissing { get; } = schemaMissing;

    /// <summary>True when the server or file cannot be reached or opened at all: waiting may mend it, nothing in SatDaemon is wrong.</summary>
    public bool Away { get; } = away;

    public static DatabaseUnavailableException NotReachable(DatabaseUrl url, Exception cause) =>
        new($"database {url.DisplayName} cannot be reached: {Cause(cause)}", false, cause, away: true);

    public static DatabaseUnavailableException NoSchema(DatabaseUrl url, string what, Exception? cause = null) =>
        new($"database {url.DisplayName} {what}: {InitAdvice}", true, cause);

    /// <summary>
    /// The same kind of line for a failure met while using the database (the server stopped mid-command, a table
    /// dropped, a constraint refused a row); null when <paramref name="e"/> is not a database failure at all.
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
                case SqliteException { SqliteErrorCode: SqliteError } when x.Message.Contains("no such table", StringComparison.Ordinal):
                    return NoSchema(url, "has no SatDaemon schema (" + FirstLine(x.Message) + ")", e);
                // The server answered: it is reachable, and what it said is the cause (a login refused, a constraint).
                case PostgresException pg:
                    return new DatabaseUnavailableException($"database {url.DisplayName}: {pg.MessageText} ({pg.SqlState})", false, e);
                case SqliteException { SqliteErrorCode: SqliteCantOpen or SqliteNotADatabase or SqlitePermission } sq:
                    return new DatabaseUnavailableException($"database {url.DisplayName} cannot be opened: {FirstLine(sq.Message)}", false, e, away: true);
                case SqliteException sq:
                    return new DatabaseUnavailableException($"database {url.DisplayName}: {FirstLine(sq.Message)}", false, e);
                // Npgsql's own exceptions without a server answer: refused, timed out, name not resolved.
                case NpgsqlException:
                    return NotReachable(url, x);
                case DbException db:
                    return new DatabaseUnavailableException($"database {url.DisplayName}: {FirstLine(db.Message)}", false, e);
            }
        }
        return null;
    }

    // SQLite result codes (sqlite3.h): SQLITE_ERROR, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_NOTADB.
    private const int SqliteError = 1;
    private const int SqlitePermission = 3;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>The innermost message says what happened ("Connection refused", "unable to open database file").</summary>
    private static string Cause(Exception e) => FirstLine(e.GetBaseException().Message);

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
