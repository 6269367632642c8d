using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using SatDaemon.Configuration;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// Which database this is, in a form a copy does not share. PostgreSQL: the cluster's system identifier (made by
/// initdb, different in every cluster) and the database's oid (different for a restore into another database of the
/// same cluster). SQLite: the host and the file's full path (a copied file lives at another path or on another host).
/// A moved SQLite file, a pg_upgrade or a restore of the original itself also reads differently: the daemon then
/// refuses to start and `init-database --adopt-identity` says "this is still the original".
/// </summary>
public static class DatabaseBinding
{
    public static async Task<string> OfAsync(SatDbFactory factory, CancellationToken ct)
    {
        if (factory.Url.Provider == DatabaseProvider.Sqlite)
            return $"sqlite:{Environment.MachineName}:{Path.GetFullPath(new SqliteConnectionStringBuilder(factory.Url.ConnectionString).DataSource)}";
        await using var db = factory.Create();
        var row = await db.Database.SqlQueryRaw<PostgresIdentity>(
                "SELECT (SELECT system_identifier::text FROM pg_control_system()) AS \"System\", " +
                "(SELECT oid::text FROM pg_database WHERE datname = current_database()) AS \"Oid\"")
            .SingleAsync(ct);
        return $"postgresql:{row.System}:{row.Oid}";
    }

    private sealed record PostgresIdentity(string System, string Oid);
}
