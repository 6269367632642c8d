using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;

namespace SatDaemon.Web.Data;

/// <summary>Reads one image (frame × date) for the image page: the frame's detail narrowed to the date by its queries, plus its files.</summary>
public sealed class ImageQueries(SatDbFactory factory, FrameQueries frames)
{
    /// <summary>Null when the frame does not exist; an image with no files and no rows is shown as such.</summary>
    public async Task<ImageDetail?> ReadAsync(string frameId, DateOnly date, CancellationToken ct)
    {
        if (await frames.DetailAsync(frameId, ct, date) is not { } frame) return null;
        await using var db = factory.Create();
        var frameBursts = db.FramesToBursts.Where(fb => fb.FrameId == frameId).Select(fb => fb.BurstId);
        var links = await (
                from f in db.Files.AsNoTracking()
                join fb in db.FilesToBursts on f.Id equals fb.FileId
                where f.Date == date && f.Track == frame.Frame.Track && frameBursts.Contains(fb.BurstId)
                select new { f.Id, f.Abspath, f.AbsoluteOrbit, f.StartTime, f.StopTime, fb.BurstId })
            .ToListAsync(ct);
        var files = links.GroupBy(l => l.Id).OrderBy(g => g.First().StartTime)
            .Select(g => new ImageFile(g.Key, g.First().Abspath, g.First().AbsoluteOrbit,
                DateTime.SpecifyKind(g.First().StartTime, DateTimeKind.Utc), DateTime.SpecifyKind(g.First().StopTime, DateTimeKind.Utc), g.Count()))
            .ToList();
        var covered = links.Select(l => l.BurstId).Distinct().Order(StringComparer.Ordinal).ToList();
        var missing = frame.Bursts.Select(b => b.Id).Except(covered).Order(StringComparer.Ordinal).ToList();
        return new ImageDetail(frame.Frame, date, files, covered, missing, frame.Columns, frame.Rows, frame.Bursts, frame.Failures, frame.Events);
    }
}
