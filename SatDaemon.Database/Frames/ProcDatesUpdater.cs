using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Frames;

/// <summary>
/// The seed's update_procdates: usable dates get their master, ifg and rsar_ifg rows. Only adds rows;
/// existing rows are never changed, so it is safe to run after every ingest.
/// </summary>
internal sealed class ProcDatesUpdater(int rsarConnections, TimeProvider time)
{
    public async Task<ProcDatesReport> UpdateAsync(SatDbContext db, Frame frame, DateOnly? masterDate, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var coverage = await DateCoverage.LoadAsync(db, frame.Id, ct);
        var usable = coverage.Usable;
        var master = await db.Master.FirstOrDefaultAsync(m => m.FrameId == frame.Id, ct);
        var ifgs = await db.Ifg.Where(i => i.FrameId == frame.Id).ToListAsync(ct);
        var masterAdded = false;

        if (master is not null)
        {
            if (masterDate is { } wanted && wanted != master.Date)
                throw new FrameException($"frame {frame.Id} already has master {master.Date:yyyy-MM-dd}; use set-master to change it to {wanted:yyyy-MM-dd}");
        }
        else if (masterDate is not null || usable.Count > 0)
        {
            var m = masterDate ?? MasterChoice.Choose(usable);
            if (!usable.Contains(m)) throw NotUsable(frame.Id, m, coverage);
            if (ifgs.FirstOrDefault(i => i.Date == m) is { } ifgAtMaster)
            {
                // A date already processed as an ifg cannot silently become the master: its work would be lost.
                if (ifgAtMaster.ProcStage > StageRoles.First || ifgAtMaster.ProcStatus != ProcStatus.Waiting)
                    throw new FrameException($"frame {frame.Id}: {m:yyyy-MM-dd} has ifg processing already; choose another master date");
                db.Ifg.Remove(ifgAtMaster);
                ifgs.Remove(ifgAtMaster);
            }
            master = new MasterRow { FrameId = frame.Id, Date = m, CreatedAt = now, UpdatedAt = now };
            db.Master.Add(master);
            masterAdded = true;
        }

        if (master is null) return new ProcDatesReport(frame.Id, null, false, usable, [], [], false);
        FrameSettings.SetMasterDate(frame, master.Date);

        var haveIfg = ifgs.Select(i => i.Date).ToHashSet();
        var ifgAdded = usable.Where(d => d != master.Date && !haveIfg.Contains(d)).ToList();
        db.Ifg.AddRange(ifgAdded.Select(d => new IfgRow { FrameId = frame.Id, Date = d, CreatedAt = now, UpdatedAt = now }));

        var haveRsar = (await db.RsarIfg.Where(r => r.FrameId == frame.Id).Select(r => new { r.Date1, r.Date2 }).ToListAsync(ct))
            .Select(r => (r.Date1, r.Date2)).ToHashSet();
        // The master stays in the network even if its files have since gone.
        var rsarAdded = RsarPairs.For(usable.Append(master.Date), rsarConnections).Where(p => !haveRsar.Contains(p)).ToList();
        db.RsarIfg.AddRange(rsarAdded.Select(p => new RsarIfgRow { FrameId = frame.Id, Date1 = p.Date1, Date2 = p.Date2, CreatedAt = now, UpdatedAt = now }));

        // New interferograms make a finished time series out of date, unless the frame wants initial processing only.
        var tsReset = rsarAdded.Count > 0 && frame.TsStatus == ProcStatus.Complete && !frame.NoUpdate;
        if (tsReset) await new ProcRowTransitions(db, now).RestartTimeSeriesAsync(frame, ct);
        if (masterAdded || ifgAdded.Count > 0 || rsarAdded.Count > 0 || tsReset) frame.LastUpdated = now;
        return new ProcDatesReport(frame.Id, master.Date, masterAdded, usable, ifgAdded, rsarAdded, tsReset);
    }

    internal static FrameException NotUsable(string frameId, DateOnly date, DateCoverage coverage) =>
        new($"frame {frameId}: {date:yyyy-MM-dd} is not a usable date: its files cover {coverage.CoveredOn(date)} of the frame's {coverage.FrameBursts.Count} bursts");
}
