using SatDaemon.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Control;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Model;

namespace SatDaemon.Tests.Control;

/// <summary>Frame settings, power-down and the job-list request, on every provider (see the derived classes).</summary>
public abstract class SatDaemonControllerFacts(ControlTestDb db) : IAsyncLifetime
{
    protected const string FrameId = "132A_CONTROL_FRAME";
    private const string Unknown = "999A_NO_FRAME";

    protected ControlTestDb Db => db;
    protected SatDaemonController Controller => new(db.Factory);

    public async Task InitializeAsync()
    {
        await db.ResetAsync();
        await db.AddFrameAsync(FrameId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // A frame's setting asks the daemon to rebuild that frame's part of the job list (joblist_dirty_frames): every
    // rule of DESIGN §5 reads only the frame's own rows, so nothing else needs rebuilding.
    [ProviderFact]
    public async Task Full_proc_on_sets_level_full_and_asks_for_a_new_job_list()
    {
        var change = await Controller.SetFullProcAsync(FrameId, true);

        Assert.Equal(ProcLevel.Full, (await db.FrameAsync(FrameId)).ProcLevel);
        Assert.Equal([FrameId], await db.JobListFramesAsync());
        Assert.Equal($"frame {FrameId}: proc_level off -> full", change.ToString());
    }

    [ProviderFact]
    public async Task Each_level_switch_sets_its_level_when_on_and_off_when_off()
    {
        var switches = new (Func<SatDaemonController, bool, Task<SettingChange>> Set, ProcLevel On)[]
        {
            ((c, on) => c.SetFullProcAsync(FrameId, on), ProcLevel.Full),
            ((c, on) => c.SetDownloadAsync(FrameId, on), ProcLevel.Download),
            ((c, on) => c.SetSatsarAsync(FrameId, on), ProcLevel.Satsar),
            ((c, on) => c.SetTilTimeseriesAsync(FrameId, on), ProcLevel.TilTimeseries),
        };
        foreach (var (set, level) in switches)
        {
            await set(Controller, true);
            Assert.Equal(level, (await db.FrameAsync(FrameId)).ProcLevel);
            await db.ResetFlagsAsync();

            await set(Controller, false);
            Assert.Equal(ProcLevel.Off, (await db.FrameAsync(FrameId)).ProcLevel);
            Assert.Equal([FrameId], await db.JobListFramesAsync());
        }
    }

    [ProviderFact]
    public async Task Noupdate_on_and_off_set_the_flag_and_ask_for_a_new_job_list()
    {
        await Controller.SetNoUpdateAsync(FrameId, true);
        Assert.True((await db.FrameAsync(FrameId)).NoUpdate);
        Assert.Equal([FrameId], await db.JobListFramesAsync());

        await Controller.SetNoUpdateAsync(FrameId, false);
        Assert.False((await db.FrameAsync(FrameId)).NoUpdate);
    }

    [ProviderFact]
    public async Task Noupdate_on_switches_an_off_frame_on_for_full_initial_processing_and_says_so()
    {
        // The seed's set_frame_noupdate(frame, True): "turn frame on, but only initial processing (all updating turned off)".
        var change = await Controller.SetNoUpdateAsync(FrameId, true);

        var frame = await db.FrameAsync(FrameId);
        Assert.Equal((true, ProcLevel.Full), (frame.NoUpdate, frame.ProcLevel));
        Assert.Equal([FrameId], await db.JobListFramesAsync());
        Assert.Equal(("noupdate", "off", "on"), (change.Setting, change.Before, change.After));
        Assert.NotNull(change.Also);
        Assert.Equal(("proc_level", "off", "full"), (change.Also.Setting, change.Also.Before, change.Also.After));
    }

    [ProviderFact]
    public async Task Noupdate_leaves_the_level_of_a_frame_already_on_and_off_never_touches_it()
    {
        await Controller.SetSatsarAsync(FrameId, true);

        var on = await Controller.SetNoUpdateAsync(FrameId, true);
        Assert.Equal(ProcLevel.Satsar, (await db.FrameAsync(FrameId)).ProcLevel);
        Assert.Null(on.Also);

        await Controller.SetFullProcAsync(FrameId, false);
        var off = await Controller.SetNoUpdateAsync(FrameId, false);
        Assert.Equal((false, ProcLevel.Off), ((await db.FrameAsync(FrameId)).NoUpdate, (await db.FrameAsync(FrameId)).ProcLevel));
        Assert.Null(off.Also);
    }

    [ProviderFact]
    public async Task Range_sets_start_and_end_and_null_leaves_a_side_open()
    {
        var change = await Controller.SetProcRangeAsync(FrameId, new DateOnly(2019, 1, 1), new DateOnly(2020, 1, 1));
        var frame = await db.FrameAsync(FrameId);
        Assert.Equal(new DateOnly(2019, 1, 1), frame.ProcStart);
        Assert.Equal(new DateOnly(2020, 1, 1), frame.ProcEnd);
        Assert.Equal("2019-01-01..2020-01-01", change.After);
        Assert.Equal([FrameId], await db.JobListFramesAsync());

        await Controller.SetProcRangeAsync(FrameId, new DateOnly(2021, 6, 1), null);
        frame = await db.FrameAsync(FrameId);
        Assert.Equal(new DateOnly(2021, 6, 1), frame.ProcStart);
        Assert.Null(frame.ProcEnd);
    }

    [ProviderFact]
    public async Task Range_with_end_before_start_is_refused_and_changes_nothing()
    {
        var e = await Assert.ThrowsAsync<FrameException>(() =>
            Controller.SetProcRangeAsync(FrameId, new DateOnly(2020, 1, 1), new DateOnly(2019, 1, 1)));

        Assert.Contains("end 2019-01-01 is before start 2020-01-01", e.Message);
        var frame = await db.FrameAsync(FrameId);
        Assert.Null(frame.ProcStart);
        Assert.Null(frame.ProcEnd);
        Assert.False((await db.DaemonToolsAsync()).RecreateJoblist);
        Assert.Empty(await db.JobListFramesAsync());
    }

    [ProviderFact]
    public async Task Priority_is_set_and_asks_for_a_new_job_list()
    {
        var change = await Controller.SetPriorityAsync(FrameId, 10);

        Assert.Equal(10, (await db.FrameAsync(FrameId)).Priority);
        Assert.Equal(("0", "10"), (change.Before, change.After));
        Assert.Equal([FrameId], await db.JobListFramesAsync());
    }

    [ProviderFact]
    public async Task Every_frame_operation_refuses_an_unknown_frame_and_changes_nothing()
    {
        var before = await db.FrameAsync(FrameId);
        var operations = new Func<SatDaemonController, Task>[]
        {
            c => c.SetFullProcAsync(Unknown, true),
            c => c.SetDownloadAsync(Unknown, true),
            c => c.SetSatsarAsync(Unknown, true),
            c => c.SetTilTimeseriesAsync(Unknown, true),
            c => c.SetNoUpdateAsync(Unknown, true),
            c => c.SetProcRangeAsync(Unknown, new DateOnly(2019, 1, 1), null),
            c => c.SetPriorityAsync(Unknown, 5),
            c => c.RetryAsync(new RetrySelector(FrameId: Unknown)),
        };
        foreach (var op in operations)
        {
            var e = await Assert.ThrowsAsync<FrameException>(() => op(Controller));
            Assert.Equal($"unknown frame {Unknown}", e.Message);
        }

        Assert.False((await db.DaemonToolsAsync()).RecreateJoblist);
        Assert.Empty(await db.JobListFramesAsync());
        Assert.Equivalent(before, await db.FrameAsync(FrameId));
        Assert.Equal(1, await db.ReadAsync(d => d.Frames.CountAsync()));
    }

    [ProviderFact]
    public async Task Power_down_sets_the_flag_and_asks_for_a_new_job_list()
    {
        var change = await Controller.PowerDownAsync();

        var tools = await db.DaemonToolsAsync();
        Assert.True(tools.PowerDown);
        Assert.True(tools.RecreateJoblist);
        Assert.Equal("daemon: power_down off -> on", change.ToString());
    }

    [ProviderFact]
    public async Task Power_down_leaves_the_daemons_heartbeat_alone()
    {
        var heartbeat = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
        await db.ReadAsync(d => d.DaemonTools.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Heartbeat, heartbeat).SetProperty(t => t.DaemonHost, "proc00").SetProperty(t => t.DaemonPid, 4242)));

        await Controller.PowerDownAsync();

        var tools = await db.DaemonToolsAsync();
        Assert.Equal(heartbeat, DateTime.SpecifyKind(tools.Heartbeat!.Value, DateTimeKind.Utc));
        Assert.Equal(("proc00", 4242), (tools.DaemonHost, tools.DaemonPid));
    }

    [ProviderFact]
    public async Task Requests_on_a_database_without_a_daemon_tools_row_create_it()
    {
        var instance = (await db.DaemonToolsAsync()).InstanceId;
        try
        {
            await db.ReadAsync(d => d.DaemonTools.ExecuteDeleteAsync());
            // A retry across frames asks for the whole list, in daemon_tools.
            await Controller.RetryAsync(RetrySelector.All);
            var tools = await db.DaemonToolsAsync();
            Assert.Equal(1, tools.Id);
            Assert.True(tools.RecreateJoblist);
            Assert.False(tools.PowerDown);

            await db.ReadAsync(d => d.DaemonTools.ExecuteDeleteAsync());
            await Controller.PowerDownAsync();
            tools = await db.DaemonToolsAsync();
            Assert.True(tools.PowerDown);
            Assert.True(tools.RecreateJoblist);
        }
        finally
        {
            // The row made here has no installation identity; the next test expects the one init-database gave.
            await db.ReadAsync(d => d.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(t => t.InstanceId, instance)));
        }
    }

    [ProviderFact]
    public async Task A_job_list_request_leaves_a_pending_power_down_alone()
    {
        await Controller.PowerDownAsync();
        await db.ReadAsync(d => d.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(t => t.RecreateJoblist, false)));

        await Controller.SetPriorityAsync(FrameId, 3);
        var afterFrame = await db.DaemonToolsAsync();
        await Controller.RetryAsync(RetrySelector.All);
        var afterWhole = await db.DaemonToolsAsync();

        Assert.Equal([FrameId], await db.JobListFramesAsync());
        Assert.Equal((false, true), (afterFrame.RecreateJoblist, afterFrame.PowerDown));
        Assert.Equal((true, true), (afterWhole.RecreateJoblist, afterWhole.PowerDown));
    }
}
