using Microsoft.Data.Sqlite;
using Npgsql;

namespace SatDaemon.JobRecords;

/// <summary>Which database errors are worth waiting out, for every job report (the .NET JobLogger and the native job exec).</summary>
public static class TransientDatabaseError
{
    /// <summary>Wrapped errors (DbUpdateException, InvalidOperationException) are judged by their cause.</summary>
    public static bool Is(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException pg:
                    return pg.IsTransient;
                // Connection refused, reset or broken mid-query: the server is down or restarting.
                case NpgsqlException:
                    return true;
                // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer holds the file.
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 5 or 6;
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
