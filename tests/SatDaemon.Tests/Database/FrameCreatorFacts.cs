using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Database;

public class FrameCreatorFacts : IAsyncLifetime
{
    private readonly SqliteDatabase _db = new();

    public async Task InitializeAsync()
    {
        await DatabaseTemplate.CreateAsync(_db.Factory);
        await using var ctx = _db.Factory.Create();
        ctx.Bursts.AddRange(TestBursts.Burst(TestBursts.First), TestBursts.Burst(TestBursts.Second), TestBursts.Burst(TestBursts.OtherTrack));
        await ctx.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Frame_gets_the_union_of_its_bursts_and_one_link_per_burst()
    {
        await new FrameCreator(_db.Factory).CreateAsync("132A_CUSTOM_FRAME", [TestBursts.First, TestBursts.Second], priority: 3, level: ProcLevel.Satsar);

        await using var ctx = _db.Factory.Create();
        var frame = await ctx.Frames.AsNoTracking().SingleAsync();
        Assert.Equal(("132A_CUSTOM_FRAME", 132, "A", 3, ProcLevel.Satsar), (frame.Id, frame.Track, frame.OrbitDirection, frame.Priority, frame.ProcLevel));
        Assert.True(frame.Geometry!.EqualsTopologically(TestBursts.Box(TestBursts.First).Union(TestBursts.Box(TestBursts.Second))), frame.Geometry.ToString());
        Assert.Equal(2, await ctx.FramesToBursts.CountAsync(l => l.FrameId == "132A_CUSTOM_FRAME"));
    }

    [Theory]
    [InlineData("132X_CUSTOM_FRAME", "not of the form")]
    [InlineData("132A_CUSTOM", "not of the form")]
    [InlineData("13A_CUSTOM_FRAME", "not of the form")]
    [InlineData("000A_CUSTOM_FRAME", "outside 1-175")]
    [InlineData("176D_CUSTOM_FRAME", "outside 1-175")]
    public async Task Bad_frame_id_is_refused_with_the_reason_and_nothing_written(string id, string reason)
    {
        var e = await Assert.ThrowsAsync<FrameException>(() => new FrameCreator(_db.Factory).CreateAsync(id, [TestBursts.First]));

        Assert.Contains(id, e.Message);
        Assert.Contains(reason, e.Message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Unknown_burst_is_refused_naming_it_and_nothing_written()
    {
        var e = await Assert.ThrowsAsync<FrameException>(() =>
            new FrameCreator(_db.Factory).CreateAsync("132A_CUSTOM_FRAME", [TestBursts.First, "132_9999_IW2"]));

        Assert.Contains("unknown bursts 132_9999_IW2", e.Message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Malformed_burst_id_is_refused_naming_it_and_nothing_written()
    {
        var e = await Assert.ThrowsAsync<FrameException>(() =>
            new FrameCreator(_db.Factory).CreateAsync("132A_CUSTOM_FRAME", [TestBursts.First, "132-8603-IW1"]));

        Assert.Contains("132-8603-IW1", e.Message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Burst_of_another_track_is_refused_naming_it_and_nothing_written()
    {
        var e = await Assert.ThrowsAsync<FrameException>(() =>
            new FrameCreator(_db.Factory).CreateAsync("132A_CUSTOM_FRAME", [TestBursts.First, TestBursts.OtherTrack]));

        Assert.Contains($"{TestBursts.OtherTrack} (81D)", e.Message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Existing_frame_is_not_created_again()
    {
        var creator = new FrameCreator(_db.Factory);
        await creator.CreateAsync("132A_CUSTOM_FRAME", [TestBursts.First]);

        var e = await Assert.ThrowsAsync<FrameException>(() => creator.CreateAsync("132A_CUSTOM_FRAME", [TestBursts.Second]));

        Assert.Contains("already exists", e.Message);
        await using var ctx = _db.Factory.Create();
        Assert.Equal([TestBursts.First], await ctx.FramesToBursts.Select(l => l.BurstId).ToListAsync());
    }

    private async Task AssertNothingWrittenAsync()
    {
        await using var ctx = _db.Factory.Create();
        Assert.Equal(0, await ctx.Frames.CountAsync());
        Assert.Equal(0, await ctx.FramesToBursts.CountAsync());
    }
}
