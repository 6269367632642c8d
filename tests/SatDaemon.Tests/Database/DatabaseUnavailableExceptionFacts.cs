using Microsoft.Data.Sqlite;
using SatDaemon.Database;
using SatDaemon.Database.Providers;

namespace SatDaemon.Tests.Database;

/// <summary>
/// The one line for a database failure (issue 20) gives the advice that fits the cause: init-database only when the
/// schema is missing, "cannot be reached/opened" only when the database is away, and a refused statement as itself.
/// The exceptions are SQLite's own, from statements that fail for that reason.
/// </summary>
public class DatabaseUnavailableExceptionFacts
{
    private static readonly DatabaseUrl Url = DatabaseUrl.Parse("sqlite:////srv/sat/satdaemon.db", "/");

    private static async Task<SqliteException> FailureOfAsync(params string[] statements)
    {
        await using var conn = new SqliteConnection("Data Source=:memory:");
        await conn.OpenAsync();
        try
        {
            foreach (var sql in statements)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = sql;
                await cmd.ExecuteNonQueryAsync();
            }
        }
        catch (SqliteException e)
        {
            return e;
        }
        throw new InvalidOperationException("the statements did not fail");
    }

    [Fact]
    public async Task A_missing_table_is_a_missing_schema_and_advises_init_database()
    {
        var e = DatabaseUnavailableException.From(Url, await FailureOfAsync("SELECT * FROM daemon_tools"))!;

        Assert.True(e.SchemaMissing);
        Assert.False(e.Away);
        Assert.Equal("database sqlite /srv/sat/satdaemon.db has no SatDaemon schema (SQLite Error 1: 'no such table: daemon_tools'.): "
            + "run `satdaemon-tools init-database` to create it", e.Message);
    }

    [Fact]
    public async Task A_refused_row_is_neither_away_nor_a_missing_schema()
    {
        var e = DatabaseUnavailableException.From(Url, await FailureOfAsync(
            "CREATE TABLE t (id INTEGER PRIMARY KEY)", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (1)"))!;

        Assert.False(e.SchemaMissing);
        Assert.False(e.Away);
        Assert.StartsWith("database sqlite /srv/sat/satdaemon.db: SQLite Error 19", e.Message);
        Assert.DoesNotContain("init-database", e.Message);
        Assert.DoesNotContain("cannot be", e.Message);
    }

    [Fact]
    public async Task A_file_that_cannot_be_opened_is_away()
    {
        var missingDir = Path.Combine(Path.GetTempPath(), "sdt-none-" + Guid.NewGuid().ToString("N"), "x.db");
        SqliteException cause;
        await using (var conn = new SqliteConnection($"Data Source={missingDir}"))
            cause = await Assert.ThrowsAsync<SqliteException>(() => conn.OpenAsync());

        var e = DatabaseUnavailableException.From(Url, new InvalidOperationException("wrapped as EF does", cause))!;

        Assert.True(e.Away);
        Assert.Equal("database sqlite /srv/sat/satdaemon.db cannot be opened: SQLite Error 14: 'unable to open database file'.", e.Message);
    }

    [Fact]
    public void An_error_that_is_not_the_databases_is_left_alone() =>
        Assert.Null(DatabaseUnavailableException.From(Url, new InvalidOperationException("frame 132A_X has no master")));
}
