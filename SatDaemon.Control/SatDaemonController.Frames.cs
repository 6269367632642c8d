using SatDaemon.Database.Frames;

namespace SatDaemon.Control;

// Frame creation and master changes for the console: the same FrameManager operations `frame create`, `fill-files`,
// `update-procdates` and `set-master` run, recorded under this controller's actor.
public sealed partial class SatDaemonController
{
    /// <summary>
    /// frame create, then fill-files, then update-procdates, as an operator runs them one after the other: the frame is
    /// created (or refused, nothing stored) in the first step; the other two add what the files already there allow.
    /// </summary>
    /// <param name="rsarConnections">[PARAMETERS] rsar_connections, as the tools pass it.</param>
    public async Task<FrameCreated> CreateFrameAsync(string frameId, IReadOnlyCollection<string> burstIds, int rsarConnections, CancellationToken ct = default)
    {
        var frames = Frames(rsarConnections);
        var frame = await frames.CreateAsync(frameId, burstIds, ct: ct);
        var files = await frames.FillFilesAsync(frame.Id, ct);
        var dates = await frames.UpdateProcDatesAsync(frame.Id, null, ct);
        return new FrameCreated(frame.Id, burstIds.Select(b => b.Trim()).Where(b => b.Length > 0).Distinct().Count(), files, dates);
    }

    /// <summary>frame set-master: refuses, listing the rows, when work would be redone unless <paramref name="force"/>.</summary>
    /// <param name="expectedMaster">The master the operator saw ("none" or yyyy-MM-dd); another master now refuses the change.</param>
    public Task<SetMasterReport> SetMasterAsync(string frameId, DateOnly date, bool force, string? expectedMaster, int rsarConnections, CancellationToken ct = default) =>
        Frames(rsarConnections).SetMasterAsync(frameId, date, force, expectedMaster, ct);

    /// <summary>frame reprocess under this controller's actor: the plan (apply false) or the change, refused when the count differs from <paramref name="expectedRows"/>.</summary>
    public Task<ReprocessReport> ReprocessAsync(ReprocessRequest request, bool apply, int? expectedRows, CancellationToken ct = default) =>
        Frames(NoNewPairs).ReprocessAsync(request, apply, ct, expectedRows);

    /// <summary>frame versions: per stage, rows by software version.</summary>
    public Task<IReadOnlyList<SatDaemon.Database.Versions.StageVersionCount>> FrameVersionsAsync(string frameId, CancellationToken ct = default) =>
        Frames(NoNewPairs).VersionsAsync(frameId, ct);

    /// <summary>Reprocess and versions make no rsar_ifg pairs, so rsar_connections plays no part in them.</summary>
    private const int NoNewPairs = 3;

    private FrameManager Frames(int rsarConnections) => new(_factory, rsarConnections, _time, _actor);
}
