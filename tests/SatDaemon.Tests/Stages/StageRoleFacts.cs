using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;

namespace SatDaemon.Tests.Stages;

/// <summary>
/// The stage roles and rules against DESIGN §5. Every expected value below is copied from DESIGN's stage table and
/// proc_level text, not from the code:
///   master: download, master_slc, master_geo   (needs: files of the date present — the row exists only then)
///   ifg: download, slc, coreg, satsar          (coreg needs the master complete)
///   rsar_ifg: coherence, unwrap                (both dates' ifg or master complete)
///   frame: timeseries, ingest                  (every rsar_ifg in range unwrapped; ingest needs timeseries)
/// </summary>
public sealed class StageRoleFacts
{
    // DESIGN §5's chains, written out here so the catalogue is checked against the design, not against itself.
    private static readonly Dictionary<string, string[]> Design = new()
    {
        [TargetTables.Master] = ["download", "master_slc", "master_geo"],
        [TargetTables.Ifg] = ["download", "slc", "coreg", "satsar"],
        [TargetTables.RsarIfg] = ["coherence", "unwrap"],
        [TargetTables.Frames] = ["timeseries", "ingest"],
    };

    [Theory]
    [InlineData(TargetTables.Master, "download,master_slc,master_geo")]
    [InlineData(TargetTables.Ifg, "download,slc,coreg,satsar")]
    [InlineData(TargetTables.RsarIfg, "coherence,unwrap")]
    [InlineData(TargetTables.Frames, "timeseries,ingest")]
    public void Default_chain_seeds_the_stages_of_the_design_in_order_from_the_first(string table, string names)
    {
        var chain = DefaultChain.Stages.Where(s => s.Table == table).ToList();
        Assert.Equal(names, string.Join(",", chain.Select(s => s.Name)));
        // Orders run 1, 2, … from the first stage: stage rows have id = order, and rows at order n sit at index n - 1.
        Assert.Equal(Enumerable.Range(StageRoles.First, chain.Count), chain.Select(s => s.Order));
    }

    [Theory]
    [InlineData(TargetTables.Master, 1, StageNeed.None)]                 // download: the row exists once its files do
    [InlineData(TargetTables.Master, 2, StageNeed.None)]                 // master_slc: only its own chain before it
    [InlineData(TargetTables.Master, 3, StageNeed.None)]                 // master_geo
    [InlineData(TargetTables.Ifg, 1, StageNeed.None)]                    // download
    [InlineData(TargetTables.Ifg, 2, StageNeed.None)]                    // slc
    [InlineData(TargetTables.Ifg, 3, StageNeed.MasterComplete)]          // coreg needs the master complete
    [InlineData(TargetTables.Ifg, 4, StageNeed.None)]                    // satsar follows coreg in its own chain
    [InlineData(TargetTables.RsarIfg, 1, StageNeed.BothDatesComplete)]   // coherence: both dates' ifg (or master) complete
    [InlineData(TargetTables.RsarIfg, 2, StageNeed.None)]                // unwrap follows coherence
    [InlineData(TargetTables.Frames, 1, StageNeed.RsarIfgUnwrapped)]     // timeseries: every rsar_ifg in range unwrapped
    [InlineData(TargetTables.Frames, 2, StageNeed.None)]                 // ingest needs timeseries: its own chain before it
    public void Each_stage_needs_what_the_design_says(string table, int order, StageNeed need)
    {
        var catalog = DesignCatalog();
        Assert.Equal(need, StageRoles.Need(table, catalog.Stage(table, order)));
    }

    [Fact]
    public void Coregistration_is_the_third_ifg_stage_and_the_time_series_the_first_frame_stage()
    {
        var catalog = DesignCatalog();
        Assert.Equal(3, catalog.Coregistration);
        Assert.Equal("coreg", catalog.Stage(TargetTables.Ifg, catalog.Coregistration).Name);
        Assert.Equal("timeseries", catalog.Stage(TargetTables.Frames, StageRoles.TimeSeries).Name);
        Assert.Equal(1, StageRoles.First);
    }

    [Fact]
    public void Coregistration_falls_back_to_the_default_order_when_the_ifg_chain_names_none()
    {
        var chains = Chains(Design);
        chains[TargetTables.Ifg] = Rows(TargetTables.Ifg, ["download", "slc", "align", "satsar"]);
        Assert.Equal(3, new StageCatalog(chains).Coregistration);
        Assert.All(chains[TargetTables.Ifg], s => Assert.Equal(StageNeed.None, StageRoles.Need(TargetTables.Ifg, s)));
    }

    [Theory]
    [InlineData(TargetTables.Master, 3)]
    [InlineData(TargetTables.Ifg, 4)]
    [InlineData(TargetTables.RsarIfg, 2)]
    [InlineData(TargetTables.Frames, 2)]
    public void Last_stage_is_the_length_of_the_design_chain(string table, int last) =>
        Assert.Equal(last, DesignCatalog().Last(table));

    [Theory]
    // (stage, status) of a frame's time series → has its first time series been made?
    [InlineData(1, ProcStatus.Waiting, false)]
    [InlineData(1, ProcStatus.Running, false)]
    [InlineData(1, ProcStatus.Failed, false)]
    [InlineData(1, ProcStatus.Complete, true)]    // a one-stage chain completes at the time series itself
    [InlineData(2, ProcStatus.Waiting, true)]     // ingest due: timeseries is done
    [InlineData(2, ProcStatus.Complete, true)]
    public void Time_series_is_done_once_the_frame_is_past_its_time_series_stage(int stage, int status, bool done) =>
        Assert.Equal(done, StageRoles.TimeSeriesDone(stage, status));

    [Theory]
    // DESIGN §5: download runs download stages only; satsar up to the end of satsar; til_timeseries up to unwrap;
    // full everything; off nothing.
    [InlineData("off", TargetTables.Master, 1, false)]
    [InlineData("download", TargetTables.Master, 1, true)]
    [InlineData("download", TargetTables.Master, 2, false)]
    [InlineData("download", TargetTables.Ifg, 1, true)]
    [InlineData("download", TargetTables.Ifg, 2, false)]
    [InlineData("satsar", TargetTables.Master, 3, true)]
    [InlineData("satsar", TargetTables.Ifg, 4, true)]
    [InlineData("satsar", TargetTables.RsarIfg, 1, false)]
    [InlineData("til_timeseries", TargetTables.RsarIfg, 2, true)]
    [InlineData("til_timeseries", TargetTables.Frames, 1, false)]
    [InlineData("full", TargetTables.Frames, 1, true)]
    [InlineData("full", TargetTables.Frames, 2, true)]
    public void Level_caps_the_chain_as_the_design_says(string level, string table, int order, bool runs)
    {
        Assert.True(ProcLevelNames.TryParse(level, out var l));
        var frame = new Frame { Id = "132A_TEST_FRAME", OrbitDirection = "A", ProcLevel = l };
        var stage = SeededCatalog().Stage(table, order);
        Assert.Equal(runs, StageRules.Level(frame, stage) is null);
    }

    /// <summary>The design's chains, with the seeded levels (the level rule is checked on the seeded rows).</summary>
    private static StageCatalog DesignCatalog() => new(Chains(Design));

    private static StageCatalog SeededCatalog() => new(DefaultChain.Stages.GroupBy(s => s.Table).ToDictionary(
        g => g.Key,
        g => (IReadOnlyList<ProcStageRow>)g.Select(s => (ProcStageRow)new IfgProcStage
            { Id = s.Order, Order = s.Order, Name = s.Name, JobType = s.JobType, MinLevel = s.MinLevel, Rank = s.Rank }).ToList()));

    private static Dictionary<string, IReadOnlyList<ProcStageRow>> Chains(Dictionary<string, string[]> design) =>
        design.ToDictionary(d => d.Key, d => Rows(d.Key, d.Value));

    private static IReadOnlyList<ProcStageRow> Rows(string table, string[] names) =>
        names.Select((n, i) => (ProcStageRow)new IfgProcStage { Id = i + 1, Order = i + 1, Name = n, JobType = n }).ToList();
}
