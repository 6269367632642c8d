using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Providers;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Database;

public class SchemaFacts
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Initialised_database_has_every_design_table_with_its_columns(TestProvider provider)
    {
        // About the initializer itself, so it runs here rather than the template being copied.
        await using var db = await TestDatabases.CreateAsync(provider, initialize: false);
        await db.InitializeAsync();

        var schema = await DbSchema.ColumnsAsync(db.Factory);

        foreach (var (table, columns) in DesignSchema.Tables)
        {
            Assert.True(schema.ContainsKey(table), $"table {table} is missing; tables: {string.Join(", ", schema.Keys.Order())}");
            var missing = columns.Where(c => !schema[table].Contains(c)).ToList();
            Assert.True(missing.Count == 0, $"{table} lacks {string.Join(", ", missing)}; has {string.Join(", ", schema[table].Order())}");
        }
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Initialiser_seeds_the_eleven_stages_of_the_default_chain_in_order(TestProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider, initialize: false);
        await db.InitializeAsync();
        await using var ctx = db.Factory.Create();

        Assert.Equal(["download", "master_slc", "master_geo"], await ctx.MasterProcStages.OrderBy(s => s.Order).Select(s => s.Name).ToListAsync());
        Assert.Equal(["download", "slc", "coreg", "satsar"], await ctx.IfgProcStages.OrderBy(s => s.Order).Select(s => s.Name).ToListAsync());
        Assert.Equal(["coherence", "unwrap"], await ctx.RsarIfgProcStages.OrderBy(s => s.Order).Select(s => s.Name).ToListAsync());
        Assert.Equal(["timeseries", "ingest"], await ctx.FrameProcStages.OrderBy(s => s.Order).Select(s => s.Name).ToListAsync());
        Assert.Equal(1, await ctx.DaemonTools.CountAsync());
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Second_initialisation_changes_nothing(TestProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider, initialize: false);
        await db.InitializeAsync();

        var again = await db.InitializeAsync();

        Assert.False(again.Changed, again.ToString());
        Assert.Equal("database already initialised: nothing changed", again.ToString());
    }

    [Theory]
    [InlineData("sqlite:////tmp/sdt-model-check.db")]
    [InlineData("postgresql://nobody@127.0.0.1:1/model_check")]
    public void Migrations_describe_the_model_exactly(string url)
    {
        // Needs no server: compares the model with the last migration's snapshot.
        using var ctx = new SatDbFactory(DatabaseUrl.Parse(url, "/")).Create();

        Assert.False(ctx.Database.HasPendingModelChanges(), "the model changed without a migration: run scripts/add-migration.sh");
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Postgres_geometry_columns_are_postgis_geometry_with_srid_4326()
    {
        await using var db = await PostgresDatabase.CreateAsync(initialize: true);
        await using var ctx = db.Factory.Create();

        var columns = await ctx.Database
            .SqlQueryRaw<GeometryColumn>("SELECT f_table_name AS \"Table\", f_geometry_column AS \"Column\", type AS \"Type\", srid AS \"Srid\" FROM geometry_columns")
            .ToListAsync();

        Assert.Contains(new GeometryColumn("bursts", "geometry", "GEOMETRY", 4326), columns);
        Assert.Contains(new GeometryColumn("frames", "geometry", "GEOMETRY", 4326), columns);
        Assert.Contains(new GeometryColumn("files", "footprint", "GEOMETRY", 4326), columns);
    }

    public sealed record GeometryColumn(string Table, string Column, string Type, int Srid);
}
