using System.Net;
using SatDaemon.Configuration;
using SatDaemon.Tests.Audit;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Web;

/// <summary>
/// Hold/release, drain/resume and a pending job's cancel through the console's forms (HTTP, an operator's session, real
/// Kestrel over PostgreSQL): each asks first and changes nothing until confirmed, then changes the tables ctl changes
/// (read back with the test's own SQL) with an audit row under the signed-in user, and a form sent for a state that no
/// longer holds is refused (409) with nothing changed.
/// </summary>
public sealed class ConsoleJobControlFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private ConsoleUsers _users = null!;
    private WebTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _users = await ConsoleUsers.CreateAsync();
        if (TestServices.SkipReason(Needs.Postgres) is not null) return;
        _bed = await WebTestBed.StartAsync(postgres: true, new WebOptions { UsersFile = _users.UsersFile });
    }

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
        _users.Dispose();
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Hold_drain_and_cancel_ask_first_write_audit_rows_and_refuse_a_stale_form()
    {
        using var s = new ConsoleSession(_bed.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await s.SignInAsync(ConsoleUsers.Operator, ConsoleUsers.OperatorPassword)).StatusCode);
        var token = ConsoleSession.TokenIn(await s.GetTextAsync("/frames/" + WebTestBed.Frame));
        var frame = "/frames/" + WebTestBed.Frame;

        var ask = await PostAsync(s, frame + "/hold", token, ("expected", "off"));
        var heldAfterAsking = await HeldAsync();
        var hold = await PostAsync(s, frame + "/hold", token, ("expected", "off"), ("confirm", "yes"));
        var heldAfterHold = await HeldAsync();
        var staleHold = await PostAsync(s, frame + "/hold", token, ("expected", "off"), ("confirm", "yes"));
        var framesPage = await s.GetTextAsync("/frames");
        var release = await PostAsync(s, frame + "/release", token, ("expected", "on"), ("confirm", "yes"));
        var heldAfterRelease = await HeldAsync();

        var drain = await PostAsync(s, "/machines/proc02/drain", token, ("expected", "off"), ("confirm", "yes"));
        var drained = await DrainsAsync();
        var overview = await s.GetTextAsync("/");
        var machinePage = WebUtility.HtmlDecode(await s.GetTextAsync("/machines/proc02"));
        var staleDrain = await PostAsync(s, "/machines/proc02/drain", token, ("expected", "off"), ("confirm", "yes"));
        var resume = await PostAsync(s, "/machines/proc02/resume", token, ("expected", "on"), ("confirm", "yes"));
        var machinePageResumed = await s.GetTextAsync("/machines/proc02");
        var unknown = await PostAsync(s, "/machines/proc99/drain", token, ("expected", "off"), ("confirm", "yes"));

        var pendingId = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT id FROM pending_jobs WHERE frame_id = @f", ("f", WebTestBed.Frame))).Single()[0]!;
        var cancel = await PostAsync(s, $"/pending/{pendingId}/cancel", token, ("expected", "pending"), ("confirm", "yes"));
        var pendingLeft = (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT count(*) FROM pending_jobs WHERE id = " + pendingId)).Single()[0];
        var staleCancel = await PostAsync(s, $"/pending/{pendingId}/cancel", token, ("expected", "pending"), ("confirm", "yes"));
        var audit = (await AuditRow.ReadAllAsync(_bed.Db.Factory)).ToList();

        output.WriteLine($"ask {ask.Status}, hold {hold.Status}, stale hold {staleHold.Status}, release {release.Status}; held: {heldAfterAsking}/{heldAfterHold}/{heldAfterRelease}");
        output.WriteLine($"drain {drain.Status} ({string.Join(",", drained)}), stale drain {staleDrain.Status}, resume {resume.Status}, unknown {unknown.Status}; cancel {cancel.Status}, left {pendingLeft}, stale cancel {staleCancel.Status}");
        foreach (var a in audit) output.WriteLine(a.ToString());

        // Asking changes nothing; confirming holds; the same form again is stale.
        Assert.Equal((200, false), (ask.Status, heldAfterAsking));
        Assert.Contains("id=\"control-hold-confirm\"", ask.Body);
        Assert.Equal((200, true), (hold.Status, heldAfterHold));
        Assert.Equal(409, staleHold.Status);
        Assert.Contains("the frame's hold is on now, not off", staleHold.Body);
        Assert.Contains("badge-held", framesPage);
        Assert.Equal((200, false), (release.Status, heldAfterRelease));
        Assert.Equal(200, drain.Status);
        Assert.Equal(["proc02"], drained);
        Assert.Contains("badge-drained", overview);
        // The machine's own page says drained too, and who drained it: the operator this test signed in as.
        var drainedLine = System.Text.RegularExpressions.Regex.Match(machinePage, "<p id=\"machine-drained\">.*?</p>").Value;
        output.WriteLine($"machine page: {drainedLine}");
        Assert.Contains("badge-drained", drainedLine);
        Assert.Contains($"<span id=\"drained-by\">{ConsoleUsers.Operator}</span>", drainedLine);
        Assert.DoesNotContain("machine-drained", machinePageResumed);
        Assert.Equal(409, staleDrain.Status);
        Assert.Equal(200, resume.Status);
        Assert.Empty(await DrainsAsync());
        Assert.Equal(400, unknown.Status);
        Assert.Contains("unknown machine", unknown.Body);
        Assert.Equal((200, "0"), (cancel.Status, pendingLeft));
        Assert.Equal(409, staleCancel.Status);
        Assert.Equal(["hold", "hold", "drain", "drain", "cancel"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((ConsoleUsers.Operator, "web"), (a.User, a.Source)));
        Assert.Equal([("off", "on"), ("on", "off"), ("off", "on"), ("on", "off")], audit.Take(4).Select(a => (a.Before, a.After)));
    }

    private async Task<bool> HeldAsync() =>
        (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT held_at FROM frames WHERE id = @f", ("f", WebTestBed.Frame))).Single()[0] is not null;

    private async Task<List<string>> DrainsAsync() =>
        (await OwnSql.RowsAsync(_bed.Db.Factory, "SELECT machine FROM machine_drains ORDER BY machine")).Select(r => r[0]!).ToList();

    private static async Task<(int Status, string Body)> PostAsync(ConsoleSession s, string path, string token, params (string Name, string Value)[] fields)
    {
        using var response = await s.PostAsync(path, fields.ToDictionary(f => f.Name, f => f.Value), token);
        // Decoded, so the refusal reads as a person reads it (the page escapes its apostrophes).
        return ((int)response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
