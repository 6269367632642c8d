using System.Net;
using SatDaemon.Configuration;
using SatDaemon.Tests.Audit;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tools;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// Who may change what, over plain HTTP against a real console on PostgreSQL: a viewer's forged POST, a POST without
/// the antiforgery token, no sign-in, the lock-out, read-only, a stale form and bad input. After each refusal the
/// database is read with the test's own SQL: nothing changed, nothing recorded.
/// </summary>
public sealed class ConsoleAccessFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Frame = "132A_WEB_ACCESS";
    private ConsoleUsers _users = null!;
    private WebTestBed? _bed;

    private WebTestBed Bed => _bed!;

    public async Task InitializeAsync() => _users = await ConsoleUsers.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
        _users.Dispose();
    }

    [ServiceFact(Needs.Postgres)]
    public async Task A_viewer_sees_no_controls_and_a_forged_post_with_a_valid_token_is_refused_403()
    {
        await StartAsync();
        using var viewer = new ConsoleSession(Bed.BaseUrl);
        var signIn = await viewer.SignInAsync(ConsoleUsers.Viewer, ConsoleUsers.ViewerPassword);
        var page = await viewer.GetTextAsync("/frames/" + Frame);
        output.WriteLine($"sign-in: {(int)signIn.StatusCode}; controls on the page: {page.Split("id=\"control-").Length - 1}");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains($"{ConsoleUsers.Viewer} (viewer)", page);
        Assert.DoesNotContain("id=\"control-", page);
        Assert.DoesNotContain("/frames/new", await viewer.GetTextAsync("/frames/new"));
        // The sign-out form gives the viewer a genuine token: the refusal must come from the role, not the token.
        var forged = await viewer.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "99", ["expected"] = "0" }, ConsoleSession.TokenIn(page));
        var powerDown = await viewer.PostAsync("/power-down", new() { ["confirm"] = "yes" }, ConsoleSession.TokenIn(page));
        output.WriteLine($"forged priority: {(int)forged.StatusCode}; forged power-down: {(int)powerDown.StatusCode}");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, powerDown.StatusCode);
        await AssertNothingChangedAsync();
    }

    [ServiceFact(Needs.Postgres)]
    public async Task A_post_without_a_sign_in_is_401_and_an_operator_s_post_without_the_antiforgery_token_is_refused()
    {
        await StartAsync();
        using var anonymous = new ConsoleSession(Bed.BaseUrl);
        var noSignIn = await anonymous.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "99" }, null);
        using var op = new ConsoleSession(Bed.BaseUrl);
        await op.SignInAsync(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        var page = await op.GetTextAsync("/frames/" + Frame);
        var noToken = await op.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "99", ["expected"] = "0" }, null);
        var badToken = await op.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "99", ["expected"] = "0" }, "not-a-token");
        output.WriteLine($"anonymous: {(int)noSignIn.StatusCode}; operator without token: {(int)noToken.StatusCode}; with a made-up token: {(int)badToken.StatusCode}");

        Assert.Contains("id=\"control-priority\"", page);
        Assert.Equal(HttpStatusCode.Unauthorized, noSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badToken.StatusCode);
        await AssertNothingChangedAsync();
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_afterwards()
    {
        await StartAsync();
        using var session = new ConsoleSession(Bed.BaseUrl);
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++) statuses.Add((int)(await session.SignInAsync(ConsoleUsers.Operator, "wrong-" + i)).StatusCode);
        var right = await session.SignInAsync(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        var body = await right.Content.ReadAsStringAsync();
        var after = await session.GetAsync("/");
        output.WriteLine($"wrong passwords: {string.Join(", ", statuses)}; right password then: {(int)right.StatusCode}; GET / then: {(int)after.StatusCode} {after.Headers.Location}");

        // Four plain refusals, the fifth locks (DESIGN: lock-out after 5 failures), then even the right password is refused.
        Assert.Equal([401, 401, 401, 401, 403], statuses);
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
        Assert.Contains("locked out", body);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/signin", after.Headers.Location?.OriginalString);
        // The lock is the user's: another user still signs in.
        using var other = new ConsoleSession(Bed.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(ConsoleUsers.Viewer, ConsoleUsers.ViewerPassword)).StatusCode);
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Without_a_sign_in_pages_go_to_the_sign_in_and_the_api_answers_401_unless_anonymous_view_on_loopback()
    {
        await StartAsync();
        using var anonymous = new ConsoleSession(Bed.BaseUrl);
        var page = await anonymous.GetAsync("/frames");
        var api = await anonymous.GetAsync("/api/status");
        var health = await anonymous.GetAsync("/healthz");
        output.WriteLine($"closed console: /frames {(int)page.StatusCode} → {page.Headers.Location}, /api/status {(int)api.StatusCode}, /healthz {(int)health.StatusCode}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin?return=%2Fframes", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        await Bed.DisposeAsync();
        _bed = null;
        await StartAsync(new WebOptions { UsersFile = _users.UsersFile, AnonymousView = true });
        using var loopback = new ConsoleSession(Bed.BaseUrl);
        var open = await loopback.GetAsync("/frames/" + Frame);
        var html = await open.Content.ReadAsStringAsync();
        var post = await loopback.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "99" }, null);
        output.WriteLine($"anonymous_view: page {(int)open.StatusCode}, POST {(int)post.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.DoesNotContain("id=\"control-", html);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        await AssertNothingChangedAsync();
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Read_only_hides_the_controls_and_refuses_an_operator_s_change()
    {
        await StartAsync(new WebOptions { UsersFile = _users.UsersFile, ReadOnly = true });
        using var op = new ConsoleSession(Bed.BaseUrl);
        await op.SignInAsync(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        var page = await op.GetTextAsync("/frames/" + Frame);
        var post = await op.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "99", ["expected"] = "0" }, ConsoleSession.TokenIn(page));
        var body = await post.Content.ReadAsStringAsync();
        output.WriteLine($"read-only: POST {(int)post.StatusCode}");

        Assert.Contains("read-only", page);
        Assert.DoesNotContain("id=\"control-", page);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("read_only", body);
        await AssertNothingChangedAsync();
    }

    [ServiceFact(Needs.Postgres)]
    public async Task A_stale_form_is_refused_409_with_the_new_value_and_bad_input_gets_the_cli_s_message_400()
    {
        await StartAsync();
        using var op = new ConsoleSession(Bed.BaseUrl);
        await op.SignInAsync(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword);
        var page = await op.GetTextAsync("/frames/" + Frame);
        var token = ConsoleSession.TokenIn(page);
        // Someone else changes the priority with ctl after the page was shown with 0.
        using var cfg = TempConfig.Write(new ConfigText(Bed.Db.Url));
        Assert.Equal(0, await ToolsProgram.RunAsync(["ctl", "priority", Frame, "4", "-d", cfg.Path], new StringWriter(), new StringWriter()));

        var stale = await op.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "7", ["expected"] = "0" }, token);
        var staleText = System.Net.WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        var bad = await op.PostAsync($"/frames/{Frame}/priority", new() { ["priority"] = "high", ["expected"] = "4" }, token);
        var badText = System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        var cliError = new StringWriter();
        await ToolsProgram.RunAsync(["ctl", "priority", Frame, "high", "-d", cfg.Path], new StringWriter(), cliError);
        // The config holds the test database's password, so a warning line may come first; the error is its own line.
        var cliMessage = cliError.ToString().Split('\n').Single(l => l.StartsWith("error: ", StringComparison.Ordinal))["error: ".Length..].Trim();
        output.WriteLine($"stale: {(int)stale.StatusCode}; bad: {(int)bad.StatusCode}; the CLI says: {cliMessage}");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("priority changed meanwhile to 4", staleText);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains($"id=\"message-priority\">{cliMessage}<", badText);
        var rows = await OwnSql.RowsAsync(Bed.Db.Factory, "SELECT priority FROM frames WHERE id = @id", ("id", Frame));
        Assert.Equal("4", rows.Single()[0]);
        // Only ctl's change is in the audit trail.
        var audit = (await AuditRow.ReadAllAsync(Bed.Db.Factory)).Where(a => a.Target == "frame " + Frame).ToList();
        Assert.Equal([new AuditRow(Environment.UserName, "ctl", "priority", "frame " + Frame, "0", "4")], audit);
    }

    private async Task StartAsync(WebOptions? web = null)
    {
        _bed = await WebTestBed.StartAsync(postgres: true, web ?? new WebOptions { UsersFile = _users.UsersFile });
        await Bed.Db.AddFrameAsync(Frame);
        await Bed.Db.ResetFlagsAsync();
    }

    /// <summary>The frame as seeded, no job-list or power-down request, no audit entry.</summary>
    private async Task AssertNothingChangedAsync()
    {
        var frame = await OwnSql.RowsAsync(Bed.Db.Factory, "SELECT proc_level, priority FROM frames WHERE id = @id", ("id", Frame));
        var flags = await OwnSql.RowsAsync(Bed.Db.Factory, "SELECT recreate_joblist, power_down FROM daemon_tools");
        var audit = await OwnSql.RowsAsync(Bed.Db.Factory, "SELECT count(*) FROM audit_log");
        var dirty = await Bed.Db.JobListFramesAsync();
        output.WriteLine($"frame: {string.Join(", ", frame.Single())}; flags: {string.Join(", ", flags.Single())}; frames marked for the job list: {dirty.Count}; audit rows: {audit.Single()[0]}");
        Assert.Equal("off, 0", string.Join(", ", frame.Single()));
        Assert.Equal("False, False", string.Join(", ", flags.Single()));
        Assert.Empty(dirty);
        Assert.Equal("0", audit.Single()[0]);
    }
}
