using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SatDaemon.Database.Providers;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without a live database.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSatDbContext>
{
    public PostgresSatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSatDbContext>()
            .UseNpgsql("Host=localhost;Database=satdaemon_design", o => o.UseNetTopologySuite()).Options);
}

/// <summary>Lets `dotnet ef migrations add` build the SQLite model.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSatDbContext>
{
    public SqliteSatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSatDbContext>().UseSqlite("Data Source=design.db").Options);
}
