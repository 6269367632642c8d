using Microsoft.EntityFrameworkCore;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Database;

public class GeometryFacts
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Burst_polygon_round_trips_with_its_coordinates_and_srid_4326(TestProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        await using (var ctx = db.Factory.Create())
        {
            ctx.Bursts.Add(TestBursts.Burst(TestBursts.First));
            await ctx.SaveChangesAsync();
        }

        await using var read = db.Factory.Create();
        var burst = await read.Bursts.AsNoTracking().SingleAsync(b => b.Id == TestBursts.First);

        Assert.NotNull(burst.Geometry);
        Assert.True(burst.Geometry.EqualsExact(TestBursts.Box(TestBursts.First)), $"read back {burst.Geometry}");
        Assert.Equal(4326, burst.Geometry.SRID);
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Postgis_intersects_query_runs_in_the_database_and_finds_only_the_burst_under_the_point()
    {
        await using var db = await PostgresDatabase.CreateAsync(initialize: true);
        await using (var ctx = db.Factory.Create())
        {
            ctx.Bursts.AddRange(TestBursts.Burst(TestBursts.First), TestBursts.Burst(TestBursts.OtherTrack));
            await ctx.SaveChangesAsync();
        }
        var point = TestBursts.Point(10.5, 50.5);
        await using var read = db.Factory.Create();
        var query = read.Bursts.Where(b => b.Geometry!.Intersects(point)).Select(b => b.Id);

        var found = await query.ToListAsync();

        Assert.Equal([TestBursts.First], found);
        Assert.Contains("ST_Intersects", query.ToQueryString());
    }

    [Fact]
    public async Task Sqlite_stores_wkb_and_intersection_is_done_in_NetTopologySuite_after_loading()
    {
        await using var db = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        await using (var ctx = db.Factory.Create())
        {
            ctx.Bursts.AddRange(TestBursts.Burst(TestBursts.First), TestBursts.Burst(TestBursts.OtherTrack));
            await ctx.SaveChangesAsync();
        }
        var point = TestBursts.Point(10.5, 50.5);
        await using var read = db.Factory.Create();

        var bursts = await read.Bursts.AsNoTracking().ToListAsync();
        var found = bursts.Where(b => b.Geometry!.Intersects(point)).Select(b => b.Id);

        Assert.Equal([TestBursts.First], found);
        Assert.Equal(2, bursts.Count);
    }
}
