using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Database;

/// <summary>
/// init-database --bursts/--frames: loading GeoJSON, and refusing bad GeoJSON without loading half of it. The command
/// runs in-process (<see cref="ToolInProcess"/>); init-database as a process is InitDatabaseToolFacts'.
/// The loads run on a database copied from the template (init-database finds its schema there and only loads), since
/// migrating is not what they test; one test, loading twice, starts from no database at all: init-database creates,
/// migrates and loads in one run, as on a new installation.
/// </summary>
public class GeoJsonLoadFacts
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Bursts_and_frames_load_and_the_frame_geometry_is_the_union_of_its_bursts(TestProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));
        var bursts = cfg.WriteFile("bursts.geojson", TestBursts.GeoJson());
        var frames = cfg.WriteFile("frames.geojson", TestBursts.FramesGeoJson(("132A_TEST_FRAME", $"{TestBursts.First}, {TestBursts.Second}")));

        var result = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path, "--bursts", bursts, "--frames", frames);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 bursts loaded", result.Stdout);
        Assert.Contains("1 frames loaded", result.Stdout);
        await using var ctx = db.Factory.Create();
        var loaded = await ctx.Bursts.AsNoTracking().OrderBy(b => b.Id).ToListAsync();
        Assert.Equal([TestBursts.First, TestBursts.Second, TestBursts.OtherTrack], loaded.Select(b => b.Id));
        var first = loaded.Single(b => b.Id == TestBursts.First);
        Assert.Equal((132, "A", "IW1", 8603, (int?)288603), (first.Track, first.OrbitDirection, first.Swath, first.AnxId, first.EsaBurstId));
        Assert.True(first.Geometry!.EqualsExact(TestBursts.Box(TestBursts.First)), $"read back {first.Geometry}");
        var frame = await ctx.Frames.AsNoTracking().SingleAsync();
        var union = TestBursts.Box(TestBursts.First).Union(TestBursts.Box(TestBursts.Second));
        Assert.True(frame.Geometry!.EqualsTopologically(union), $"frame geometry {frame.Geometry} is not the union {union}");
        Assert.Equal(4326, frame.Geometry.SRID);
        Assert.Equal((132, "A", 5, ProcLevel.Full), (frame.Track, frame.OrbitDirection, frame.Priority, frame.ProcLevel));
        Assert.Equal([TestBursts.First, TestBursts.Second],
            await ctx.FramesToBursts.Where(l => l.FrameId == frame.Id).OrderBy(l => l.BurstId).Select(l => l.BurstId).ToListAsync());
    }

    [Fact]
    public async Task Loading_the_same_geojson_twice_adds_nothing_the_second_time()
    {
        await using var db = TestDatabases.Reserve(TestProvider.Sqlite);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));
        var bursts = cfg.WriteFile("bursts.geojson", TestBursts.GeoJson());
        var frames = cfg.WriteFile("frames.geojson", TestBursts.FramesGeoJson(("132A_TEST_FRAME", TestBursts.First)));
        var first = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path, "--bursts", bursts, "--frames", frames);
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path, "--bursts", bursts, "--frames", frames);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("nothing changed", second.Stdout);
    }

    [Fact]
    public async Task Bursts_file_that_is_not_json_is_refused_naming_the_file_and_nothing_is_loaded()
    {
        await using var db = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));
        var bursts = cfg.WriteFile("bursts.geojson", "{ \"type\": \"FeatureCollection\", \"features\": [ oops");

        var result = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path, "--bursts", bursts);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(bursts, result.Stderr);
        Assert.Contains("not a GeoJSON FeatureCollection", result.Stderr);
        Assert.Equal(0, await CountAsync(db, c => c.Bursts));
    }

    [Fact]
    public async Task Bursts_file_with_one_bad_feature_loads_none_of_its_bursts()
    {
        await using var db = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));
        var features = new[]
        {
            TestBursts.Feature(TestBursts.Box(TestBursts.First), $"\"id\": \"{TestBursts.First}\", \"orbit_direction\": \"A\""),
            TestBursts.Feature(TestBursts.Box(TestBursts.Second), $"\"id\": \"{TestBursts.Second}\", \"orbit_direction\": \"A\""),
            TestBursts.Feature(TestBursts.Box(TestBursts.OtherTrack), "\"id\": \"not-a-burst\", \"orbit_direction\": \"D\""),
        };
        var bursts = cfg.WriteFile("bursts.geojson", TestBursts.Collection(features));

        var result = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path, "--bursts", bursts);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("feature 3", result.Stderr);
        Assert.Equal(0, await CountAsync(db, c => c.Bursts));
    }

    [Fact]
    public async Task Burst_with_a_bad_orbit_direction_is_refused_naming_the_burst()
    {
        await using var db = await TestDatabases.CreateAsync(TestProvider.Sqlite);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));
        var bursts = cfg.WriteFile("bursts.geojson", TestBursts.Collection(
            [TestBursts.Feature(TestBursts.Box(TestBursts.First), $"\"id\": \"{TestBursts.First}\", \"orbit_direction\": \"X\"")]));

        var result = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path, "--bursts", bursts);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"burst {TestBursts.First} has orbit_direction 'X'", result.Stderr);
        Assert.Equal(0, await CountAsync(db, c => c.Bursts));
    }

    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task Frames_file_with_one_bad_frame_creates_none_of_its_frames(TestProvider provider)
    {
        await using var db = await TestDatabases.CreateAsync(provider);
        using var cfg = TempConfig.Write(new ConfigText(database: db.Url));
        var bursts = cfg.WriteFile("bursts.geojson", TestBursts.GeoJson());
        var frames = cfg.WriteFile("frames.geojson", TestBursts.FramesGeoJson(
            ("132A_GOOD_FRAME", TestBursts.First),
            ("132A_BAD_FRAME", $"{TestBursts.Second}, 132_9999_IW3")));

        var result = await ToolInProcess.RunAsync("init-database", "-d", cfg.Path, "--bursts", bursts, "--frames", frames);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("132A_BAD_FRAME", result.Stderr);
        Assert.Contains("132_9999_IW3", result.Stderr);
        Assert.Equal(0, await CountAsync(db, c => c.Frames));
        Assert.Equal(0, await CountAsync(db, c => c.FramesToBursts));
    }

    private static async Task<int> CountAsync<T>(ITestDatabase db, Func<SatDaemon.Database.SatDbContext, IQueryable<T>> table)
    {
        await using var ctx = db.Factory.Create();
        return await table(ctx).CountAsync();
    }
}
