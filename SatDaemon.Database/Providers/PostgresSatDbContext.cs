using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Providers;

/// <summary>The processing database on PostgreSQL + PostGIS (operational).</summary>
public sealed class PostgresSatDbContext(DbContextOptions<PostgresSatDbContext> options) : SatDbContext(options)
{
    protected override bool GeometryAsWkb => false;

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasPostgresExtension("postgis");
        base.OnModelCreating(b);
    }
}
