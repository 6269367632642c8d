using SatDaemon.Tools;
using SatDaemon.Tests.Infrastructure;
using System.CommandLine;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Ingest;
using SatDaemon.Tests.Ingest;
using SatDaemon.Tools.Commands;

namespace SatDaemon.Tests.Frames;

/// <summary>The frame, ingest-files and export-frames commands through their parser, on SQLite with a real config file.</summary>
public sealed class FrameCliTests : IAsyncLifetime
{
    private const string Frame = "064A_CLI_FRAME";
    private IngestTestDb _db = null!;
    private string _config = "";

    public async Task InitializeAsync()
    {
        _db = await IngestTestDb.CreateAsync(TestProvider.Sqlite);
        var data = new IngestDataDir(_db.Temp.Path("data"));
        data.Dates64([0, 1, 2]);
        await new FileIngester(_db.Factory).IngestAsync(data.Root);
        _config = WriteConfig(_db.Temp.Path("satdaemon.cfg"), _db.Url, data.Root);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("2022-13-01")]
    [InlineData("16/10/2022")]
    [InlineData("20221016T0000")]
    public async Task Bad_date_format_exits_2(string date)
    {
        Assert.Equal(0, await RunAsync("frame", "create", "--id", Frame, "--bursts", "64_5470_IW2,64_5497_IW2"));
        Assert.Equal(2, await RunAsync("frame", "update-procdates", Frame, "--master", date));
        Assert.Equal(2, await RunAsync("frame", "set-master", Frame, date));
        Assert.Null(Assert.Single(await new FrameManager(_db.Factory).ListAsync()).MasterDate);
    }

    [Fact]
    public async Task Frame_create_takes_the_frame_first_like_its_siblings_and_refuses_a_missing_part()
    {
        // Usage errors through the tools' own entry point, which maps them to exit 2.
        var errors = new StringWriter();
        Assert.Equal(2, await ToolsProgram.RunAsync(["frame", "create", Frame, "-d", _config], TextWriter.Null, errors));
        Assert.Equal(2, await ToolsProgram.RunAsync(["frame", "create", Frame, "64_5470_IW2", "--id", "064A_OTHER_NAME", "-d", _config], TextWriter.Null, errors));
        Assert.Contains("give the frame's bursts", errors.ToString());
        Assert.Contains("two frame ids given", errors.ToString());
        Assert.Empty(await new FrameManager(_db.Factory).ListAsync());

        Assert.Equal(0, await RunAsync("frame", "create", Frame, "64_5470_IW2,64_5497_IW2"));

        var frame = Assert.Single(await new FrameManager(_db.Factory).ListAsync());
        Assert.Equal(Frame, frame.Id);
        await using var db = _db.Factory.Create();
        Assert.Equal(["64_5470_IW2", "64_5497_IW2"], db.FramesToBursts.Where(fb => fb.FrameId == Frame).Select(fb => fb.BurstId).OrderBy(b => b).ToList());
    }

    [Fact]
    public async Task Frame_commands_run_in_turn_and_accept_both_date_forms()
    {
        Assert.Equal(0, await RunAsync("frame", "create", "--id", Frame, "--bursts", "64_5470_IW2, 64_5497_IW2"));
        Assert.Equal(0, await RunAsync("frame", "fill-files", Frame));
        Assert.Equal(0, await RunAsync("frame", "update-procdates", Frame, "--master", "20221016"));
        Assert.Equal(0, await RunAsync("frame", "set-master", Frame, "2022-10-28"));
        Assert.Equal(0, await RunAsync("frame", "list"));
        Assert.Equal(2, await RunAsync("frame", "fill-files", "064A_NO_SUCH"));

        var f = Assert.Single(await new FrameManager(_db.Factory).ListAsync());
        Assert.Equal((new DateOnly(2022, 10, 28), 3, 2), (f.MasterDate, f.Files, f.IfgRows));
    }

    [Fact]
    public async Task Export_frames_writes_geojson_that_parses_back_with_the_attributes()
    {
        await CreateFrameWithMasterAsync();
        var path = _db.Temp.Path("frames.geojson");

        Assert.Equal(0, await RunAsync("export-frames", "--out", path));

        var json = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        var features = JsonSerializer.Deserialize<FeatureCollection>(await File.ReadAllTextAsync(path), json)!;
        var feature = Assert.Single(features);
        var a = feature.Attributes;
        Assert.Equal((Frame, "A", "off", "2022-10-28"), (a["id"], a["direction"], a["proc_level"], a["master"]));
        Assert.Equal((64, 5, 2, 0), (Convert.ToInt32(a["track"]), Convert.ToInt32(a["priority"]), Convert.ToInt32(a["ifg_rows"]), Convert.ToInt32(a["ifg_done"])));
        Assert.True(feature.Geometry.Area > 0);
    }

    [Fact]
    public async Task Export_frames_writes_a_shapefile_with_its_dbf()
    {
        await CreateFrameWithMasterAsync();
        var path = _db.Temp.Path("frames.shp");

        Assert.Equal(0, await RunAsync("export-frames", "--out", path));

        Assert.True(File.Exists(Path.ChangeExtension(path, ".dbf")));
        Assert.True(File.Exists(Path.ChangeExtension(path, ".shx")));
        var feature = Assert.Single(Shapefile.ReadAllFeatures(path));
        Assert.Equal((Frame, "2022-10-28"), (feature.Attributes["id"], feature.Attributes["master"]));
        Assert.Equal(2, Convert.ToInt32(feature.Attributes["ifg_rows"]));
    }

    [Fact]
    public async Task Export_to_another_format_exits_2() =>
        Assert.Equal(2, await RunAsync("export-frames", "--out", _db.Temp.Path("frames.kml")));

    [Fact]
    public async Task Ingest_files_exits_1_with_rejects_and_2_without_a_data_directory()
    {
        await File.WriteAllTextAsync(Path.Combine(_db.Temp.Path("data"), "T064", "broken.zip"), "not a zip");
        // Cron must be able to tell that a zip was left out (the rest still went in).
        Assert.Equal(1, await RunAsync("ingest-files"));
        Assert.Equal(2, await RunAsync("ingest-files", "--data-dir", _db.Temp.Path("missing")));
    }

    private async Task CreateFrameWithMasterAsync()
    {
        var frames = new FrameManager(_db.Factory);
        await frames.CreateAsync(Frame, ["64_5470_IW2", "64_5497_IW2"], priority: 5);
        await frames.UpdateProcDatesAsync(Frame);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand("test");
        root.Options.Add(CommonOptions.Config);
        root.Subcommands.Add(IngestFilesCommand.Build());
        root.Subcommands.Add(FrameCommand.Build());
        root.Subcommands.Add(ExportFramesCommand.Build());
        return root.Parse([.. args, "-d", _config]).InvokeAsync();
    }

    /// <summary>The shipped satdaemon.cfg with this test's database and data directory.</summary>
    private static string WriteConfig(string path, string url, string dataDir)
    {
        var shipped = FindShippedConfig();
        var lines = File.ReadAllLines(shipped).Select(l =>
            l.StartsWith("database =", StringComparison.Ordinal) ? "database = " + url
            : l.StartsWith("data_dir =", StringComparison.Ordinal) ? "data_dir = " + dataDir
            : l);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string FindShippedConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var cfg = Path.Combine(dir.FullName, "satdaemon.cfg");
            if (File.Exists(Path.Combine(dir.FullName, "SatDaemon.sln")) && File.Exists(cfg)) return cfg;
        }
        throw new FileNotFoundException("satdaemon.cfg next to SatDaemon.sln not found");
    }
}
