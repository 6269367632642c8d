using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Init;

/// <summary>
/// Loads bursts and frames from GeoJSON for init-database.
/// Bursts: features with properties id (or track/anx_id/swath), orbit_direction, esa_burst_id.
/// Frames: features with properties id, bursts (comma-separated ids), optional priority and proc_level.
/// </summary>
public sealed class GeoJsonLoader(SatDbFactory factory)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new GeoJsonConverterFactory() } };

    public async Task<int> LoadBurstsAsync(string path, CancellationToken ct)
    {
        var features = await ReadAsync(path, ct);
        await using var db = factory.Create();
        var known = (await db.Bursts.Select(b => b.Id).ToListAsync(ct)).ToHashSet();
        var added = 0;
        var n = 0;
        foreach (var f in features)
        {
            n++;
            var a = f.Attributes;
            string? id = Get(a, "id")?.ToString();
            if (id is null && Get(a, "track") is { } t && Get(a, "anx_id") is { } x && Get(a, "swath") is { } s)
                id = FrameIds.BurstId(Convert.ToInt32(t), Convert.ToInt32(x), s.ToString()!);
            if (id is null || !FrameIds.TryParseBurstId(id, out var track, out var anx, out var swath))
                throw new FormatException($"{path}: feature {n} has no valid burst id (property id = TRACK_ANXID_IWn)");
            if (!known.Add(id)) continue;
            var dir = Get(a, "orbit_direction")?.ToString() ?? throw new FormatException($"{path}: burst {id} has no orbit_direction");
            if (dir is not ("A" or "D")) throw new FormatException($"{path}: burst {id} has orbit_direction '{dir}', expected A or D");
            var geom = f.Geometry;
            if (geom is not null) geom.SRID = 4326;
            db.Bursts.Add(new Burst
            {
                Id = id, Track = track, OrbitDirection = dir, Swath = swath, AnxId = anx,
                EsaBurstId = Get(a, "esa_burst_id") is { } e ? Convert.ToInt32(e) : null,
                Geometry = geom,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Creates the file's frames that do not exist yet; one bad frame and none is created.</summary>
    public async Task<int> LoadFramesAsync(string path, CancellationToken ct)
    {
        var features = await ReadAsync(path, ct);
        var creator = new FrameCreator(factory);
        await using var db = factory.Create();
        var added = 0;
        var n = 0;
        foreach (var f in features)
        {
            n++;
            var id = Get(f.Attributes, "id")?.ToString() ?? throw new FormatException($"{path}: feature {n} has no id");
            // Frames from an earlier run (or earlier in this file) are left as they are, so a second run adds nothing.
            if (db.Frames.Local.Any(x => x.Id == id) || await db.Frames.AnyAsync(x => x.Id == id, ct)) continue;
            var bursts = (Get(f.Attributes, "bursts")?.ToString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var priority = Get(f.Attributes, "priority") is { } p ? Convert.ToInt32(p) : 0;
            var level = Get(f.Attributes, "proc_level")?.ToString() is { } l && ProcLevelNames.TryParse(l, out var lv) ? lv : ProcLevel.Off;
            try
            {
                await creator.AddAsync(db, id, bursts, priority, level, ct);
            }
            catch (FrameException e)
            {
                throw new FrameException($"{path}: feature {n}: {e.Message}; no frame of the file was created");
            }
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private static object? Get(IAttributesTable a, string name) => a.Exists(name) ? a[name] : null;

    private static async Task<FeatureCollection> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        await using var s = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<FeatureCollection>(s, Json, ct)
                ?? throw new FormatException($"{path}: empty GeoJSON");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a GeoJSON FeatureCollection ({e.Message})", e);
        }
    }
}
