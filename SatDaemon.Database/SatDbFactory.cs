using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Configuration;
using SatDaemon.Database.Providers;

namespace SatDaemon.Database;

/// <summary>Creates contexts for one database; the single place that knows about providers.</summary>
public sealed partial class SatDbFactory
{
    private readonly DbContextOptions<PostgresSatDbContext>? _pg;
    private readonly DbContextOptions<SqliteSatDbContext>? _sqlite;

    public SatDbFactory(DatabaseUrl url)
    {
        Url = url;
        if (url.Provider == DatabaseProvider.PostgreSql)
        {
            _pg = new DbContextOptionsBuilder<PostgresSatDbContext>()
                .UseNpgsql(url.ConnectionString, o => o.UseNetTopologySuite())
                .Options;
        }
        else
        {
            _sqlite = new DbContextOptionsBuilder<SqliteSatDbContext>()
                .UseSqlite(url.ConnectionString)
                .AddInterceptors(SqlitePragmas.Instance)
                .Options;
        }
    }

    /// <summary>EF Core's log category: hosts filter its per-command logging by it without naming EF themselves.</summary>
    public const string LogCategory = "Microsoft.EntityFrameworkCore";

    public DatabaseUrl Url { get; }

    public bool IsSqlite => Url.Provider == DatabaseProvider.Sqlite;

    public static SatDbFactory FromConfig(SatDaemonConfig config)
    {
        try
        {
            return new SatDbFactory(DatabaseUrl.Parse(config.Parameters.Database, config.Directory));
        }
        catch (FormatException e)
        {
            throw new ConfigException(config.FilePath, "PARAMETERS", "database", e.Message);
        }
    }

    /// <summary>The config's database for a job process: connections are not kept idle between reports (<see cref="DatabaseUrl.ForJobProcess"/>).</summary>
    public static SatDbFactory ForJobProcess(SatDaemonConfig config) => new(FromConfig(config).Url.ForJobProcess());

    public SatDbContext Create() => _pg is not null ? new PostgresSatDbContext(_pg) : new SqliteSatDbContext(_sqlite!);

    /// <summary>Makes sure the SQLite file's folder exists; SQLite creates the file itself.</summary>
    internal void PrepareSqliteFile()
    {
        if (!IsSqlite) return;
        var path = new SqliteConnectionStringBuilder(Url.ConnectionString).DataSource;
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}
