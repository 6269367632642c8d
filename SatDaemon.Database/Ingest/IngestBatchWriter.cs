using SatDaemon.Database.Ingest.Safe;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Ingest;

/// <summary>
/// The one writer of an ingest run: writes a batch of parsed zips in one transaction, so a file, its new
/// bursts, files2bursts and frames2files are in the database together or not at all.
/// </summary>
internal sealed class IngestBatchWriter(SatDbFactory factory, IngestState state, IngestReport report, TimeProvider time)
{
    /// <summary>Writes <paramref name="batch"/>; <paramref name="handled"/> is told of each zip after the commit.</summary>
    public async Task WriteAsync(IReadOnlyList<ParsedZip> batch, Action<string> handled, CancellationToken ct)
    {
        var added = 0;
        var known = 0;
        var newBursts = 0;
        var links = 0;
        var rejected = new List<IngestRejection>();
        var frameDates = new List<(string Frame, DateOnly Date)>();
        await using (var db = factory.Create())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var zip in batch)
            {
                if (zip.Product is not { } product)
                {
                    rejected.Add(new IngestRejection(zip.Path, zip.Reason ?? "unknown reason"));
                    continue;
                }
                // A renamed zip is known only by the product id inside it, and one product may lie in two folders.
                if (state.KnownFiles.Contains(product.Id))
                {
                    known++;
                    continue;
                }
                if (Conflict(product) is { } conflict)
                {
                    rejected.Add(new IngestRejection(zip.Path, conflict));
                    continue;
                }
                state.KnownFiles.Add(product.Id);
                db.Files.Add(ToFile(product, now));
                var burstIds = new HashSet<string>(StringComparer.Ordinal);
                foreach (var burst in product.Bursts)
                {
                    var id = state.Matcher.Match(product.Track, Direction(product), burst.Swath, burst.AnxId);
                    if (id is null)
                    {
                        id = burst.BurstId;
                        db.Bursts.Add(ToBurst(product, burst));
                        state.Matcher.Add(id, product.Track, Direction(product), burst.Swath, burst.AnxId);
                        state.KnownBurstIds.Add(id);
                        newBursts++;
                    }
                    burstIds.Add(id);
                }
                db.FilesToBursts.AddRange(burstIds.Select(b => new FileBurst { FileId = product.Id, BurstId = b }));
                foreach (var frameId in state.FramesOf(burstIds))
                {
                    db.FramesToFiles.Add(new FrameFile { FrameId = frameId, FileId = product.Id });
                    frameDates.Add((frameId, product.AcquisitionDate));
                    links++;
                }
                added++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        report.Added += added;
        report.AlreadyKnown += known;
        report.NewBursts += newBursts;
        report.FrameLinks += links;
        report.Rejected.AddRange(rejected);
        foreach (var (frame, date) in frameDates)
        {
            if (!report.NewDatesByFrame.TryGetValue(frame, out var dates)) report.NewDatesByFrame[frame] = dates = [];
            dates.Add(date);
        }
        foreach (var zip in batch) handled(Path.GetFileName(zip.Path));
    }

    // A new burst whose id is taken by a burst of another direction would break the whole batch at commit.
    private string? Conflict(SafeProduct product)
    {
        foreach (var burst in product.Bursts)
        {
            if (state.Matcher.Match(product.Track, Direction(product), burst.Swath, burst.AnxId) is null && state.KnownBurstIds.Contains(burst.BurstId))
                return $"burst id {burst.BurstId} already belongs to a burst of another orbit direction";
        }
        return null;
    }

    private static string Direction(SafeProduct p) => p.Pass.ToString();

    private static SlcFile ToFile(SafeProduct p, DateTime now) => new()
    {
        Id = p.Id,
        Abspath = p.FilePath,
        Mission = p.Mission,
        Track = p.Track,
        OrbitDirection = Direction(p),
        StartTime = Utc(p.StartTime),
        StopTime = Utc(p.StopTime),
        Date = p.AcquisitionDate,
        AbsoluteOrbit = p.AbsoluteOrbit,
        AnxTime = Utc(p.AscendingNodeTime),
        Footprint = p.Footprint,
        LastUpdated = now,
    };

    private static Burst ToBurst(SafeProduct p, SafeBurst b) => new()
    {
        Id = b.BurstId,
        Track = p.Track,
        OrbitDirection = Direction(p),
        Swath = b.Swath,
        AnxId = b.AnxId,
        EsaBurstId = b.EsaBurstId,
        Geometry = b.Footprint,
    };

    // SAFE times carry no zone and are UTC; PostgreSQL's timestamptz insists on being told.
    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
