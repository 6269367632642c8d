using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using SatDaemon.Configuration;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Audit;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// An operator at the console in headless Chromium, against a real console on PostgreSQL: each setting changed through
/// its form, set-master through its confirmation, retry, power-down, a frame made by picking bursts on the map, and a
/// &lt;script&gt; in an id or a message that never runs. The database and the audit trail are read with the test's own
/// SQL; ctl history is run as the real tool.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleControlFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Frame = "132A_WEB_CTRL";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private ConsoleUsers _users = null!;
    private WebTestBed _bed = null!;
    private ConsoleBrowser? _browser;

    private ConsoleBrowser Browser => _browser ??= new ConsoleBrowser();

    public async Task InitializeAsync()
    {
        _users = await ConsoleUsers.CreateAsync();
        if (TestServices.SkipReason(Needs.Postgres) is not null) return;
        _bed = await WebTestBed.StartAsync(postgres: true, new WebOptions { UsersFile = _users.UsersFile });
        await _bed.Db.AddFrameAsync(Frame);
        await _bed.Db.ResetFlagsAsync();
    }

    public async Task DisposeAsync()
    {
        _browser?.Dispose();
        if (_bed is not null) await _bed.DisposeAsync();
        _users.Dispose();
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task An_operator_changes_each_setting_through_the_page_and_the_database_and_audit_trail_show_it()
    {
        SignIn(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        Browser.Open(_bed.BaseUrl + "/frames/" + Frame);

        Submit("level", () => Browser.Find("#control-level option[value='satsar']").Click());
        Submit("noupdate", () => Browser.Find("#control-noupdate option[value='on']").Click());
        Submit("range", () => { Type("#control-range input[name=start]", "2020-01-01"); Type("#control-range input[name=end]", "20201231"); });
        Submit("priority", () => Type("#control-priority input[name=priority]", "9"));
        Browser.Screenshot("control-frame");

        var frame = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT proc_level, noupdate, proc_start, proc_end, priority FROM frames WHERE id = @id", ("id", Frame))).Single();
        // Frame settings ask the daemon to rebuild that frame's part of the job list.
        var flags = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT frame_id FROM joblist_dirty_frames")).Single();
        var audit = await AuditRowsAsync("frame " + Frame);
        output.WriteLine("frame: " + string.Join(", ", frame));
        foreach (var a in audit) output.WriteLine(a.ToString());

        Assert.Equal("satsar, True, 2020-01-01, 2020-12-31, 9", string.Join(", ", frame));
        Assert.Equal(Frame, flags[0]);
        Assert.Equal(
        [
            new AuditRow(ConsoleUsers.Operator, "web", "proc_level", "frame " + Frame, "off", "satsar"),
            new AuditRow(ConsoleUsers.Operator, "web", "noupdate", "frame " + Frame, "off", "on"),
            new AuditRow(ConsoleUsers.Operator, "web", "proc range", "frame " + Frame, "open..open", "2020-01-01..2020-12-31"),
            new AuditRow(ConsoleUsers.Operator, "web", "priority", "frame " + Frame, "0", "9"),
        ], audit);

        // ctl history, the real tool, shows the console's changes and one made with ctl, each with its user.
        using var cfg = TempConfig.Write(new ConfigText(_bed.Db.Url));
        Assert.Equal(0, (await ToolProcess.RunAsync(["ctl", "priority", Frame, "3", "-d", cfg.Path])).ExitCode);
        var history = await ToolProcess.RunAsync(["ctl", "history", "--frame", Frame, "-d", cfg.Path]);
        output.WriteLine(history.ToString());
        var lines = history.Stdout.Trim().Split('\n');
        Assert.Equal(0, history.ExitCode);
        Assert.Equal(6, lines.Length); // header, ctl's change, the console's four
        Assert.Contains(Environment.UserName, lines[1]);
        Assert.Contains("ctl", lines[1]);
        Assert.Contains("priority 9 -> 3", lines[1]);
        Assert.All(lines[2..], l => Assert.Contains($"{ConsoleUsers.Operator}", l));
        Assert.All(lines[2..], l => Assert.Contains(" web ", l));
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task Set_master_asks_with_the_rows_it_reprocesses_and_applies_on_confirmation()
    {
        SignIn(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        Browser.Open(_bed.BaseUrl + "/frames/" + WebTestBed.Frame);

        Submit("master", () => Type("#control-master input[name=date]", "2020-01-25"), expectMessage: false);
        Browser.WaitUntil(d => d.FindElements(By.Id("confirm-master")).Count == 1, Wait);
        var question = Browser.Find("#confirm-master").Text;
        var listed = Browser.FindAll("#confirm-master li").Count;
        var masterBefore = await MasterAsync(WebTestBed.Frame);
        output.WriteLine($"asked: {question}\nmaster while asking: {masterBefore}");
        // The seed: the master (complete at master_geo) starts again, and the 2020-01-25 ifg row (failed at download)
        // becomes the master: 2 rows. The running 2020-01-13 row is at slc, before coreg, so it loses nothing.
        Assert.Contains("would reprocess 2 rows", question);
        Assert.Equal(2, listed);
        Assert.Equal("2020-01-01", masterBefore);
        Browser.Screenshot("control-set-master-confirm");

        Browser.Find("#control-master-confirm button").Click();
        Browser.WaitUntil(d => d.FindElements(By.Id("message-master")).Count == 1, Wait);
        var answer = Browser.Find("#message-master").Text;
        var master = await MasterAsync(WebTestBed.Frame);
        var frameMaster = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT master_date FROM frames WHERE id = @id", ("id", WebTestBed.Frame))).Single()[0];
        var audit = await AuditRowsAsync("frame " + WebTestBed.Frame);
        output.WriteLine($"answer: {answer}; master now {master}, frames.master_date {frameMaster}");
        Assert.Contains("2 rows reset", answer);
        Assert.Equal(("2020-01-25", "2020-01-25"), (master, frameMaster));
        Assert.Equal([new AuditRow(ConsoleUsers.Operator, "web", "set-master", "frame " + WebTestBed.Frame, "2020-01-01", "2020-01-25 (2 rows reset)")], audit);
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task Reprocess_shows_the_rows_by_stage_refuses_a_stale_count_and_applies_on_confirmation()
    {
        // The seed's master (2020-01-01) did master_geo and is complete: reprocessing master_geo takes it back to that
        // stage (README "New software versions"); the running and failed ifg rows have not done it.
        SignIn(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        Browser.Open(_bed.BaseUrl + "/frames/" + WebTestBed.Frame);
        var before = await StagesAsync(WebTestBed.Frame);

        Submit("reprocess", () => Type("#control-reprocess input[name=stage]", "master_geo"), expectMessage: false);
        Browser.WaitUntil(d => d.FindElements(By.Id("confirm-reprocess")).Count == 1, Wait);
        var question = Browser.Find("#confirm-reprocess").Text;
        var asked = int.Parse(Browser.Find("#control-reprocess-confirm input[name=confirm]").GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        var whileAsking = await StagesAsync(WebTestBed.Frame);
        Browser.Screenshot("control-reprocess-confirm");

        // A confirmation whose count is no longer the plan's (a stale page) is refused and changes nothing.
        ((IJavaScriptExecutor)Browser.Driver).ExecuteScript(
            "document.querySelector('#control-reprocess-confirm input[name=confirm]').value = arguments[0];", (asked + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Browser.Find("#control-reprocess-confirm button").Click();
        Browser.WaitUntil(d => d.FindElements(By.Id("message-reprocess")).Count == 1, Wait);
        var refusal = Browser.Find("#message-reprocess").Text;
        var afterRefusal = await StagesAsync(WebTestBed.Frame);
        var auditAfterRefusal = await AuditRowsAsync("frame " + WebTestBed.Frame);

        Browser.Open(_bed.BaseUrl + "/frames/" + WebTestBed.Frame);
        Submit("reprocess", () => Type("#control-reprocess input[name=stage]", "master_geo"), expectMessage: false);
        Browser.WaitUntil(d => d.FindElements(By.Id("confirm-reprocess")).Count == 1, Wait);
        Browser.Find("#control-reprocess-confirm button").Click();
        Browser.WaitUntil(d => d.FindElements(By.Id("message-reprocess")).Count == 1, Wait);
        var answer = Browser.Find("#message-reprocess").Text;
        var after = await StagesAsync(WebTestBed.Frame);
        var changed = before.Keys.Count(k => before[k] != after[k]);
        var audit = await AuditRowsAsync("frame " + WebTestBed.Frame);
        output.WriteLine($"asked ({asked} rows): {question}\nrefusal of {asked + 1}: {refusal}\nanswer: {answer}\nrows changed (own SQL): {changed}");
        foreach (var k in before.Keys) output.WriteLine($"  {k}: {before[k]} -> {after[k]}");
        foreach (var a in audit) output.WriteLine("  audit: " + a);

        Assert.Contains("master master_geo", question);
        Assert.Equal(before, whileAsking);
        Assert.Equal(before, afterRefusal);
        Assert.Empty(auditAfterRefusal);
        Assert.Equal("3 Complete", before["master 2020-01-01"]);
        Assert.Equal("3 Waiting", after["master 2020-01-01"]);
        // The count the page asked with is the count of rows the test sees changed.
        Assert.Equal(asked, changed);
        Assert.Contains($"{asked} rows set back", answer);
        var row = Assert.Single(audit);
        Assert.Equal((ConsoleUsers.Operator, "web"), (row.User, row.Source));
    }

    /// <summary>Every stage row of the frame as "stage status", keyed by table and date(s), read with the test's own SQL.</summary>
    private async Task<Dictionary<string, string>> StagesAsync(string frame)
    {
        var rows = new Dictionary<string, string>();
        foreach (var (table, dates) in new[] { ("master", "date::text"), ("ifg", "date::text"), ("rsar_ifg", "date1::text || '/' || date2::text") })
            foreach (var r in await OwnSql.RowsAsync(_bed.Db.Factory, $"SELECT {dates}, proc_stage::text, proc_status::text FROM {table} WHERE frame_id = @id", ("id", frame)))
                rows[$"{table} {r[0]}"] = $"{r[1]} {Status(r[2])}";
        foreach (var r in await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT ts_stage::text, ts_status::text FROM frames WHERE id = @id", ("id", frame)))
            rows["frames ts"] = $"{r[0]} {Status(r[1])}";
        return rows;

        // proc_status as docs/design.md numbers it: 0 waiting, 1 running, 2 complete, 4 failed.
        static string Status(string? n) => n switch { "0" => "Waiting", "1" => "Running", "2" => "Complete", "4" => "Failed", _ => n ?? "null" };
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task Retry_of_one_failed_job_and_power_down_from_the_pages_change_the_database()
    {
        // The seeded failure names its row by a fixed id; point it at the 2020-01-25 ifg row as this database numbered it.
        await using (var db = _bed.Db.Factory.Create())
        {
            var ifgId = await db.Ifg.Where(i => i.FrameId == WebTestBed.Frame && i.Date == new DateOnly(2020, 1, 25)).Select(i => i.Id).SingleAsync();
            await db.FailedJobs.Where(j => j.JobId == WebTestBed.FailedJob).ExecuteUpdateAsync(u => u.SetProperty(j => j.TargetId, ifgId));
        }
        SignIn(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        Browser.Open(_bed.BaseUrl + "/jobs");
        Browser.Read(b => { b.Find($"details.failure[data-job='{WebTestBed.FailedJob}'] summary").Click(); return 0; });
        Browser.Read(b => { b.Find($"details.failure[data-job='{WebTestBed.FailedJob}'] form.retry-one button").Click(); return 0; });
        Browser.WaitUntil(d => d.FindElements(By.Id("message-retry")).Count == 1, Wait);
        var retried = Browser.Find("#message-retry").Text;
        var failed = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT retried FROM failed_jobs WHERE job_id = @j", ("j", WebTestBed.FailedJob))).Single()[0];
        var row = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT proc_status FROM ifg WHERE frame_id = @f AND date = @d", ("f", WebTestBed.Frame), ("d", new DateOnly(2020, 1, 25)))).Single()[0];
        output.WriteLine($"retry: {retried}; failed_jobs.retried {failed}; ifg 2020-01-25 proc_status {row}");
        Assert.Contains("1 failed row(s)", retried);
        Assert.Equal("True", failed);
        Assert.Equal(ProcStatus.Waiting.ToString(), row);

        Browser.Open(_bed.BaseUrl + "/");
        Browser.Find("#control-power-down button").Click();
        Browser.WaitUntil(d => d.FindElements(By.Id("control-power-down-confirm")).Count == 1, Wait);
        var askedFirst = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT power_down FROM daemon_tools")).Single()[0];
        Browser.Find("#control-power-down-confirm button").Click();
        Browser.WaitUntil(d => d.FindElements(By.Id("message-power-down")).Count == 1, Wait);
        var after = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT power_down FROM daemon_tools")).Single()[0];
        var audit = (await AuditRow.ReadAllAsync(_bed.Db.Factory)).Where(a => a.Target is "daemon" or "job 9" || a.Action == "retry").ToList();
        output.WriteLine($"power_down after the first click {askedFirst}, after confirming {after}");
        foreach (var a in audit) output.WriteLine(a.ToString());
        Assert.Equal(("False", "True"), (askedFirst, after));
        Assert.Equal(
        [
            new AuditRow(ConsoleUsers.Operator, "web", "retry", "job 9", "failed", "1 row(s) waiting"),
            new AuditRow(ConsoleUsers.Operator, "web", "power_down", "daemon", "off", "on"),
        ], audit);
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task A_frame_made_by_picking_bursts_on_the_map_equals_the_one_frame_create_makes()
    {
        SignIn(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        Browser.Open(_bed.BaseUrl + "/frames/new?track=132");
        Browser.Find("#pick-map path[data-id='132_8603_IW1']").Click();
        Browser.Find("#pick-map path[data-id='132_8630_IW1']").Click();
        var ticked = Browser.FindAll("#new-frame input[name=burst]").Where(c => c.Selected).Select(c => c.GetAttribute("value")).Order().ToList();
        var marked = Browser.FindAll("#pick-map path.picked").Count;
        output.WriteLine($"ticked by the map clicks: {string.Join(", ", ticked)}; marked on the map: {marked}");
        Assert.Equal(["132_8603_IW1", "132_8630_IW1"], ticked);
        Assert.Equal(2, marked);
        Browser.Screenshot("control-frame-create");
        Type("#new-frame input[name=frame]", "132A_MAP_PICK");
        Browser.Find("#new-frame button").Click();
        Browser.WaitUntil(d => d.Url.EndsWith("/frames/132A_MAP_PICK", StringComparison.Ordinal), Wait);

        using var cfg = TempConfig.Write(new ConfigText(_bed.Db.Url));
        foreach (var args in new[] { new[] { "frame", "create", "132A_CLI_PICK", "132_8603_IW1,132_8630_IW1" }, ["frame", "fill-files", "132A_CLI_PICK"], ["frame", "update-procdates", "132A_CLI_PICK"] })
        {
            var r = await ToolProcess.RunAsync([.. args, "-d", cfg.Path]);
            output.WriteLine(r.ToString());
            Assert.Equal(0, r.ExitCode);
        }

        foreach (var (what, sql) in new[]
        {
            ("frame", "SELECT track, orbit_direction, proc_level, priority, master_date, ST_AsText(geometry) FROM frames WHERE id = @id"),
            ("bursts", "SELECT burst_id FROM frames2bursts WHERE frame_id = @id ORDER BY burst_id"),
            ("files", "SELECT file_id FROM frames2files WHERE frame_id = @id ORDER BY file_id"),
            ("master", "SELECT date, proc_stage, proc_status FROM master WHERE frame_id = @id"),
            ("ifg", "SELECT date, proc_stage, proc_status FROM ifg WHERE frame_id = @id ORDER BY date"),
            ("rsar_ifg", "SELECT date1, date2 FROM rsar_ifg WHERE frame_id = @id ORDER BY date1, date2"),
        })
        {
            var web = (await OwnSql.RowsAsync(_bed.Db.Factory, sql, ("id", "132A_MAP_PICK"))).Select(r => string.Join(" | ", r)).ToList();
            var cli = (await OwnSql.RowsAsync(_bed.Db.Factory, sql, ("id", "132A_CLI_PICK"))).Select(r => string.Join(" | ", r)).ToList();
            output.WriteLine($"{what}: web [{string.Join("; ", web)}] cli [{string.Join("; ", cli)}]");
            Assert.Equal(cli, web);
            // One date has files for both bursts (the seed): a master and no ifg or rsar rows, on both sides.
            if (what is not ("ifg" or "rsar_ifg")) Assert.NotEmpty(web);
        }
        // Both recorded the same three steps, each under its own user: the operator via the console, the OS user via the tools.
        var audit = await AuditRowsAsync("frame 132A_MAP_PICK");
        var cliAudit = await AuditRowsAsync("frame 132A_CLI_PICK");
        Assert.Equal(["create", "fill-files", "update-procdates"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((ConsoleUsers.Operator, "web"), (a.User, a.Source)));
        Assert.Equal(audit.Select(a => (a.Action, a.Before, a.After)), cliAudit.Select(a => (a.Action, a.Before, a.After)));
        Assert.All(cliAudit, a => Assert.Equal((Environment.UserName, "ctl"), (a.User, a.Source)));
    }

    [ServiceFact(Needs.Postgres | Needs.Browser)]
    public async Task A_script_in_a_frame_id_an_audit_entry_or_a_refusal_message_never_runs()
    {
        const string script = "<script>window.__x=1</script>";
        await _bed.Db.AddAsync(new Frame { Id = script, Track = 132, OrbitDirection = "A", LastUpdated = DateTime.UtcNow });
        SignIn(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        var page = _bed.BaseUrl + "/frames/" + Uri.EscapeDataString(script);
        Browser.Open(page);
        Submit("priority", () => Type("#control-priority input[name=priority]", script));
        var refusal = Browser.Find("#message-priority").Text;
        var afterRefusal = Undefined();
        Submit("priority", () => Type("#control-priority input[name=priority]", "3"));
        var afterChange = Undefined();
        Browser.Open(_bed.BaseUrl + "/history");
        var history = Browser.Find("#audit").Text;
        var onHistory = Undefined();
        output.WriteLine($"refusal shown: {refusal}\nwindow.__x undefined: after the refusal {afterRefusal}, after the change {afterChange}, on /history {onHistory}\n{history}");

        Assert.Equal($"priority '{script}' is not a whole number", refusal);
        Assert.Contains("frame " + script, history);
        Assert.True(afterRefusal && afterChange && onHistory, "a planted script ran");
        Assert.Equal([new AuditRow(ConsoleUsers.Operator, "web", "priority", "frame " + script, "0", "3")], await AuditRowsAsync("frame " + script));
    }

    private void SignIn(string user, string password)
    {
        Browser.Open(_bed.BaseUrl + "/signin");
        Browser.Find("#signin input[name=user]").SendKeys(user);
        Browser.Find("#signin input[name=password]").SendKeys(password);
        Browser.Find("#signin button").Click();
        Browser.WaitUntil(d => d.FindElements(By.Id("signed-in")).Count == 1, Wait);
    }

    /// <summary>Fills a control's form and sends it; the answer page shows the control's message.</summary>
    private void Submit(string control, Action fill, bool expectMessage = true)
    {
        fill();
        Browser.Find($"#control-{control} button").Click();
        if (expectMessage) Browser.WaitUntil(d => d.FindElements(By.Id("message-" + control)).Count == 1, Wait);
    }

    private void Type(string css, string text)
    {
        var input = Browser.Find(css);
        input.Clear();
        input.SendKeys(text);
    }

    private bool Undefined() => ((IJavaScriptExecutor)Browser.Driver).ExecuteScript("return typeof window.__x") as string == "undefined";

    private async Task<string?> MasterAsync(string frame) =>
        (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT date FROM master WHERE frame_id = @id", ("id", frame))).Single()[0];

    private async Task<List<AuditRow>> AuditRowsAsync(string target) =>
        (await AuditRow.ReadAllAsync(_bed.Db.Factory)).Where(a => a.Target == target).ToList();
}
