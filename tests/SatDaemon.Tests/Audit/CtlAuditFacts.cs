using SatDaemon.Tests.Control;
using SatDaemon.Tools;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Audit;

/// <summary>Every ctl change leaves one audit_log row (OS user, before, after) in its own transaction; ctl history prints them.</summary>
public sealed class CtlAuditFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private const string FrameId = "132A_AUDIT_FRAME";
    private ControlTestDb _db = null!;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _db = await ControlTestDb.CreateSqliteAsync();
        await _db.AddFrameAsync(FrameId, priority: 2);
        _config = Path.Combine(Path.GetDirectoryName(_db.Url["sqlite:///".Length..])!, "satdaemon.cfg");
        await File.WriteAllTextAsync(_config, $"""
            [PARAMETERS]
            database = {_db.Url}

            [PROC_MACHINES]
            names = local

            [PROC_MACHINES:local]
            transport = local
            host = localhost
            cpus = 8
            memory = 32
            """);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Each_ctl_change_is_recorded_with_the_os_user_before_and_after()
    {
        Assert.Equal(0, (await CtlAsync("priority", FrameId, "7")).Code);
        Assert.Equal(0, (await CtlAsync("full-proc", FrameId, "on")).Code);
        Assert.Equal(0, (await CtlAsync("range", FrameId, "20200101", "-")).Code);
        Assert.Equal(0, (await CtlAsync("hold", FrameId)).Code);
        Assert.Equal(0, (await CtlAsync("drain", "local")).Code);
        Assert.Equal(0, (await CtlAsync("power-down")).Code);

        var rows = await AuditRow.ReadAllAsync(_db.Factory);
        foreach (var r in rows) output.WriteLine(r.ToString());
        var user = Environment.UserName;
        Assert.Equal(
        [
            new AuditRow(user, "ctl", "priority", "frame " + FrameId, "2", "7"),
            new AuditRow(user, "ctl", "proc_level", "frame " + FrameId, "off", "full"),
            new AuditRow(user, "ctl", "proc range", "frame " + FrameId, "open..open", "2020-01-01..open"),
            new AuditRow(user, "ctl", "hold", "frame " + FrameId, "off", "on"),
            new AuditRow(user, "ctl", "drain", "machine local", "off", "on"),
            new AuditRow(user, "ctl", "power_down", "daemon", "off", "on"),
        ], rows);
    }

    [Fact]
    public async Task A_refused_or_unchanged_setting_leaves_no_record()
    {
        var refused = await CtlAsync("range", FrameId, "20210101", "20200101");
        var same = await CtlAsync("priority", FrameId, "2");
        output.WriteLine($"refused: exit {refused.Code}; same value: exit {same.Code}");

        Assert.Equal(2, refused.Code);
        Assert.Equal(0, same.Code);
        Assert.Empty(await AuditRow.ReadAllAsync(_db.Factory));
    }

    [Fact]
    public async Task History_prints_the_changes_newest_first_and_filters_by_frame_and_user()
    {
        await _db.AddFrameAsync("132A_OTHER_FRAME");
        await CtlAsync("priority", FrameId, "5");
        await CtlAsync("priority", "132A_OTHER_FRAME", "9");

        var all = await CtlAsync("history");
        var one = await CtlAsync("history", "--frame", FrameId);
        var nobody = await CtlAsync("history", "--user", "no-such-user");
        output.WriteLine(all.Output + "---\n" + one.Output + "---\n" + nobody.Output);

        Assert.Equal(0, all.Code);
        var lines = all.Output.Trim().Split('\n');
        Assert.Equal(3, lines.Length); // header and two changes
        Assert.Contains("frame 132A_OTHER_FRAME", lines[1]);
        Assert.Contains($"frame {FrameId}", lines[2]);
        Assert.Contains("priority 2 -> 5", lines[2]);
        Assert.Contains(Environment.UserName, lines[2]);
        Assert.DoesNotContain("132A_OTHER_FRAME", one.Output);
        Assert.Contains("no changes recorded", nobody.Output);
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--since", "2020-13-40")]
    public async Task History_with_a_bad_word_exits_2_with_one_line(string option, string value)
    {
        var r = await CtlAsync("history", option, value);
        output.WriteLine(r.Error);

        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: ", r.Error);
        Assert.Contains(value, r.Error);
    }

    private async Task<(int Code, string Output, string Error)> CtlAsync(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await ToolsProgram.RunAsync(["ctl", .. args, "-d", _config], o, e);
        return (code, o.ToString(), e.ToString());
    }
}
