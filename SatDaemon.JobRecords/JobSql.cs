using System.Data.Common;

namespace SatDaemon.JobRecords;

/// <summary>
/// Where a job record's statements run: an open connection and, when the caller holds one, its transaction. JobStore
/// passes EF's connection and current transaction, so these statements commit or roll back with the rest of its work.
/// Parameters are named @name, which Npgsql and Microsoft.Data.Sqlite both take; null becomes SQL NULL.
/// </summary>
public sealed class JobSql(DbConnection connection, DbTransaction? transaction = null)
{
    public DbConnection Connection => connection;

    /// <summary>PostgreSQL (Npgsql) rather than SQLite: the few statements that differ (NOTIFY, arrays) ask this.</summary>
    public bool IsPostgres => connection is Npgsql.NpgsqlConnection;

    /// <summary>The rows of a query, each made by <paramref name="read"/> while the reader stands on it.</summary>
    public async Task<List<T>> QueryAsync<T>(string text, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(text, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>
    /// "@prefix0, @prefix1, …" and their parameters, for an IN list (both providers; callers keep lists to at most 1000
    /// values, under SQLite's parameter limit).
    /// </summary>
    public static (string List, (string Name, object? Value)[] Parameters) InList<T>(string prefix, IReadOnlyList<T> values)
    {
        var parameters = new (string Name, object? Value)[values.Count];
        for (var i = 0; i < values.Count; i++) parameters[i] = ($"{prefix}{i}", values[i]);
        return (string.Join(", ", parameters.Select(p => "@" + p.Name)), parameters);
    }

    public async Task<int> ExecuteAsync(string text, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(text, parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>True when the query returns a row.</summary>
    public async Task<bool> AnyAsync(string text, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(text, parameters);
        return await cmd.ExecuteScalarAsync(ct) is not null and not DBNull;
    }

    /// <summary>The first column of the first row, or null when there is none (or it is NULL).</summary>
    public async Task<object?> ScalarAsync(string text, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(text, parameters);
        return await cmd.ExecuteScalarAsync(ct) is { } v and not DBNull ? v : null;
    }

    private DbCommand Command(string text, (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = text;
        cmd.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
