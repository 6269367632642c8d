using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace SatDaemon.Database.Providers;

/// <summary>The processing database on SQLite (the embedded default: demo and single-host installs).</summary>
public sealed class SqliteSatDbContext(DbContextOptions<SqliteSatDbContext> options) : SatDbContext(options)
{
    protected override bool GeometryAsWkb => true;

    protected override void ConfigureConventions(ModelConfigurationBuilder cb)
    {
        // Declared before model discovery, or EF would try to map Geometry as an entity.
        cb.Properties<Geometry>().HaveConversion<GeometryWkbConverter>().HaveColumnType("BLOB");
        base.ConfigureConventions(cb);
    }
}
