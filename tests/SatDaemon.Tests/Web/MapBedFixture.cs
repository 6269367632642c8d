using NetTopologySuite.Geometries;
using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The seeded SQLite console (<see cref="WebTestBed"/>) with three more frames for the maps: one across the
/// antimeridian off Fiji, one in the Alps where Switzerland, Austria, Italy and Liechtenstein meet (coast, borders
/// and names at frame scale), and a large one around the bed's frame, with a held row, to overlap it.
/// </summary>
public sealed class MapBedFixture : IAsyncLifetime
{
    public const string DatelineFrame = "1A_DATELINE";
    public const string AlpsFrame = "15A_ALPS";
    public const string BigFrame = "132A_WEB_BIG";

    /// <summary>The dateline frame's corners as stored: its longitudes jump from 179.5 to −179.5, a degree apart on Earth.</summary>
    public static readonly (double Lon, double Lat)[] DatelineCorners = [(179.5, -17), (-179.5, -17), (-179.5, -16), (179.5, -16)];

    private static readonly GeometryFactory Geo = new(new PrecisionModel(), 4326);
    private WebTestBed? _bed;

    public WebTestBed Bed => _bed ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync()
    {
        _bed = await WebTestBed.StartAsync(postgres: false);
        var now = DateTime.UtcNow;
        await _bed.Db.AddAsync(
            new Frame { Id = DatelineFrame, Track = 1, OrbitDirection = "A", ProcLevel = ProcLevel.Full, Priority = 1, Geometry = Polygon(DatelineCorners), LastUpdated = now },
            new Frame { Id = AlpsFrame, Track = 15, OrbitDirection = "A", ProcLevel = ProcLevel.Full, Priority = 1, Geometry = Polygon([(9.3, 46.6), (10.3, 46.6), (10.3, 47.4), (9.3, 47.4)]), LastUpdated = now },
            new Frame { Id = BigFrame, Track = 132, OrbitDirection = "A", ProcLevel = ProcLevel.Full, Priority = 1, Geometry = Polygon([(9, 49), (12, 49), (12, 53), (9, 53)]), LastUpdated = now });
        await _bed.Db.AddAsync(
            new MasterRow { FrameId = AlpsFrame, Date = new DateOnly(2020, 1, 1), ProcStage = 3, ProcStatus = ProcStatus.Complete, CreatedAt = now, UpdatedAt = now },
            new MasterRow { FrameId = BigFrame, Date = new DateOnly(2020, 1, 1), ProcStage = 1, ProcStatus = ProcStatus.Held, CreatedAt = now, UpdatedAt = now });
    }

    private static Polygon Polygon((double Lon, double Lat)[] corners) =>
        Geo.CreatePolygon(corners.Append(corners[0]).Select(c => new Coordinate(c.Lon, c.Lat)).ToArray());

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }
}
