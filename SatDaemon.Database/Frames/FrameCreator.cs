using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Frames;

/// <summary>The seed's make_new_frame_using_burstlist: a frame from a list of existing bursts of one track and direction.</summary>
public sealed class FrameCreator(SatDbFactory factory, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<Frame> CreateAsync(string frameId, IReadOnlyCollection<string> burstIds, int priority = 0, ProcLevel level = ProcLevel.Off, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var frame = await AddAsync(db, frameId, burstIds, priority, level, ct);
        await db.SaveChangesAsync(ct);
        return frame;
    }

    /// <summary>
    /// Checks the frame and adds it with its burst links to <paramref name="db"/> without saving, so that a caller
    /// creating several frames saves them all or none. Frames already added to <paramref name="db"/> count as existing.
    /// </summary>
    internal async Task<Frame> AddAsync(SatDbContext db, string frameId, IReadOnlyCollection<string> burstIds, int priority, ProcLevel level, CancellationToken ct)
    {
        var problem = FrameIds.CheckFrameId(frameId);
        if (problem is not null) throw new FrameException(problem);
        var (track, direction) = FrameIds.ParseFrameId(frameId);
        var ids = burstIds.Select(b => b.Trim()).Where(b => b.Length > 0).Distinct().ToList();
        if (ids.Count == 0) throw new FrameException($"frame {frameId}: no bursts given");
        var malformed = ids.Where(b => !FrameIds.TryParseBurstId(b, out _, out _, out _)).ToList();
        if (malformed.Count > 0) throw new FrameException($"frame {frameId}: burst ids not of the form TRACK_ANXID_IWn: {string.Join(", ", malformed)}");

        if (db.Frames.Local.Any(f => f.Id == frameId) || await db.Frames.AnyAsync(f => f.Id == frameId, ct))
            throw new FrameException($"frame {frameId} already exists");
        var bursts = await db.Bursts.Where(b => ids.Contains(b.Id)).ToListAsync(ct);
        var unknown = ids.Except(bursts.Select(b => b.Id)).ToList();
        if (unknown.Count > 0) throw new FrameException($"frame {frameId}: unknown bursts {string.Join(", ", unknown)} (ingest files that cover them first)");
        var foreign = bursts.Where(b => b.Track != track || b.OrbitDirection != direction).Select(b => $"{b.Id} ({b.Track}{b.OrbitDirection})").ToList();
        if (foreign.Count > 0) throw new FrameException($"frame {frameId} is track {track}{direction}, but bursts {string.Join(", ", foreign)} are not");

        var frame = new Frame
        {
            Id = frameId,
            Track = track,
            OrbitDirection = direction,
            Geometry = Union(bursts),
            Priority = priority,
            ProcLevel = level,
            LastUpdated = _time.GetUtcNow().UtcDateTime,
        };
        db.Frames.Add(frame);
        db.FramesToBursts.AddRange(bursts.Select(b => new FrameBurst { FrameId = frameId, BurstId = b.Id }));
        return frame;
    }

    /// <summary>The frame's geometry is the union of its bursts' geometries (in NetTopologySuite, so SQLite works too).</summary>
    internal static Geometry? Union(IEnumerable<Burst> bursts)
    {
        var geoms = bursts.Select(b => b.Geometry).OfType<Geometry>().ToList();
        if (geoms.Count == 0) return null;
        var u = UnaryUnionOp.Union(geoms);
        u.SRID = 4326;
        return u;
    }
}
